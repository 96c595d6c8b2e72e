package dev.jfastai.learner;

/**
 * Skips the rest of the current batch: fires {@code afterCancelBatch}, {@code afterBatch}, then the next batch starts.
 */
public final class CancelBatchException extends CancelException {
  private static final long serialVersionUID = 1L;

  public CancelBatchException() {
    super("batch cancelled");
  }

  public CancelBatchException(String reason) {
    super(reason);
  }
}
