package dev.jfastai.learner;

/** Skips the optimizer step: fires {@code afterCancelStep}, {@code afterStep}, then gradients are zeroed. */
public final class CancelStepException extends CancelException {
  private static final long serialVersionUID = 1L;

  public CancelStepException() {
    super("step cancelled");
  }

  public CancelStepException(String reason) {
    super(reason);
  }
}
