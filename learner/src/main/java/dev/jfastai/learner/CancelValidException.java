package dev.jfastai.learner;

/** Skips the rest of validation: fires {@code afterCancelValidate}, {@code afterValidate}, then {@code afterEpoch}. */
public final class CancelValidException extends CancelException {
  private static final long serialVersionUID = 1L;

  public CancelValidException() {
    super("validation cancelled");
  }

  public CancelValidException(String reason) {
    super(reason);
  }
}
