package dev.jfastai.learner;

/** Always present (order -10): switches the model between train and eval mode and keeps the training counters. */
public final class TrainEvalCallback implements Callback {
  @Override
  public int order() {
    return -10;
  }

  @Override
  public void beforeFit(Learner learn) {
    int done = learn.startEpoch() * Math.max(learn.dls().train().len(), 1);
    learn.setTrainProgress(done, learn.nEpoch() == 0 ? 0 : (double) learn.startEpoch() / learn.nEpoch());
  }

  @Override
  public void afterBatch(Learner learn) {
    if (!learn.training()) return;
    double step = 1.0 / (learn.nIter() * (double) learn.nEpoch());
    learn.setTrainProgress(learn.trainIter() + 1, learn.pctTrain() + step);
  }

  @Override
  public void beforeTrain(Learner learn) {
    learn.model().train();
    learn.setTraining(true);
  }

  /**
   * In a fit the model's own mode switches to eval, as fastai's does; {@code validate} and {@code getPreds} outside a
   * fit leave it as it is: the loop runs validation in an EvalMode scope either way.
   */
  @Override
  public void beforeValidate(Learner learn) {
    if (learn.isFitting()) learn.model().eval();
    learn.setTraining(false);
  }
}
