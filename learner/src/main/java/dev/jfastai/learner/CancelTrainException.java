package dev.jfastai.learner;

/**
 * Skips the rest of the training phase of this epoch: fires {@code afterCancelTrain}, {@code afterTrain}, then
 * validation runs.
 */
public final class CancelTrainException extends CancelException {
  private static final long serialVersionUID = 1L;

  public CancelTrainException() {
    super("train cancelled");
  }

  public CancelTrainException(String reason) {
    super(reason);
  }
}
