package dev.jfastai.learner;

/** Stops training: fires {@code afterCancelFit} then {@code afterFit}, and {@code fit} returns normally. */
public final class CancelFitException extends CancelException {
  private static final long serialVersionUID = 1L;

  public CancelFitException() {
    super("fit cancelled");
  }

  public CancelFitException(String reason) {
    super(reason);
  }
}
