package dev.jfastai.learner;

/**
 * Skips the rest of the current epoch: fires {@code afterCancelEpoch}, {@code afterEpoch}, then the next epoch starts.
 */
public final class CancelEpochException extends CancelException {
  private static final long serialVersionUID = 1L;

  public CancelEpochException() {
    super("epoch cancelled");
  }

  public CancelEpochException(String reason) {
    super(reason);
  }
}
