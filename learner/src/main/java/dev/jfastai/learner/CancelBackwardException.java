package dev.jfastai.learner;

/** Skips the backward pass: fires {@code afterCancelBackward}, {@code afterBackward}, then the step stage runs. */
public final class CancelBackwardException extends CancelException {
  private static final long serialVersionUID = 1L;

  public CancelBackwardException() {
    super("backward cancelled");
  }

  public CancelBackwardException(String reason) {
    super(reason);
  }
}
