package dev.jfastai.learner;

import dev.jfastai.data.Batch;
import dev.jfastai.data.DataLoader;
import dev.jfastai.tensor.NoGrad;
import dev.jfastai.tensor.Tensor;

/**
 * The fit loop as a ladder of short steps, each stage wrapped by {@link #withEvents} exactly as fastai's
 * {@code _with_events}: before event, body, on its own cancel exception the after-cancel event, then the after event.
 */
final class FitLoop {
  private FitLoop() {}

  static void withEvents(Learner learn, Stage stage, Runnable body) {
    try {
      learn.fire(stage.before);
      body.run();
    } catch (CancelException e) {
      if (!stage.cancel.isInstance(e)) throw e;
      learn.fire(stage.afterCancel);
    }
    learn.fire(stage.after);
  }

  static void fit(Learner learn) {
    withEvents(learn, Stage.FIT, () -> {
      for (int epoch = learn.startEpoch(); epoch < learn.nEpoch(); epoch++) {
        learn.setEpoch(epoch);
        int current = epoch;
        withEvents(learn, Stage.EPOCH, () -> {
          try {
            doEpoch(learn);
          } finally {
            learn.setEpochsDone(current + 1); // before afterEpoch, so checkpoints saved there count this epoch
          }
        });
      }
    });
  }

  private static void doEpoch(Learner learn) {
    learn.setDl(learn.dls().train());
    withEvents(learn, Stage.TRAIN, () -> allBatches(learn));
    doValidate(learn, learn.dls().valid());
  }

  /** Validation: eval mode (set by TrainEvalCallback) and no graph recording. */
  static void validate(Learner learn, DataLoader loader) {
    doValidate(learn, loader);
  }

  private static void doValidate(Learner learn, DataLoader loader) {
    learn.setDl(loader);
    try (NoGrad ignored = Tensor.noGrad()) {
      withEvents(learn, Stage.VALIDATE, () -> allBatches(learn));
    }
  }

  private static void allBatches(Learner learn) {
    DataLoader loader = learn.dl();
    int n = loader.len();
    int i = 0;
    for (Batch batch : loader) {
      learn.setIter(i++, n);
      learn.setBatch(batch);
      withEvents(learn, Stage.BATCH, () -> oneBatch(learn));
    }
  }

  private static void oneBatch(Learner learn) {
    BatchSteps steps = learn.batchSteps();
    learn.setPred(steps.predict(learn));
    learn.fire(Event.afterPred);
    learn.setLoss(steps.loss(learn));
    learn.fire(Event.afterLoss);
    if (!learn.training()) return;
    withEvents(learn, Stage.BACKWARD, () -> steps.backward(learn));
    withEvents(learn, Stage.STEP, () -> steps.step(learn));
    steps.zeroGrad(learn);
  }
}
