package dev.jfastai.learner;

import dev.jfastai.data.Batch;
import dev.jfastai.data.DataLoader;
import dev.jfastai.nn.EvalMode;
import dev.jfastai.nn.Module;
import dev.jfastai.tensor.NoGrad;
import dev.jfastai.tensor.Tensor;

/**
 * The fit loop as a ladder of short steps, each stage wrapped by {@link #withEvents} exactly as fastai's
 * {@code _with_events}: before event, body, on its own cancel exception the after-cancel event, then the after event.
 */
final class FitLoop {
  private FitLoop() {}

  static void withEvents(Learner learn, Stage stage, Runnable body) {
    withEvents(learn, stage, body, () -> { });
  }

  /**
   * {@link #withEvents(Learner, Stage, Runnable)} that runs {@code ended} when the stage ends, normally or by its own
   * cancel exception, before the after-cancel and after events; not when another exception leaves the stage.
   */
  static void withEvents(Learner learn, Stage stage, Runnable body, Runnable ended) {
    boolean cancelled = false;
    try {
      learn.fire(stage.before);
      body.run();
    } catch (CancelException e) {
      if (!stage.cancel.isInstance(e)) throw e;
      cancelled = true;
    }
    ended.run();
    if (cancelled) learn.fire(stage.afterCancel);
    learn.fire(stage.after);
  }

  static void fit(Learner learn) {
    withEvents(learn, Stage.FIT, () -> {
      for (int epoch = learn.startEpoch(); epoch < learn.nEpoch(); epoch++) {
        learn.setEpoch(epoch);
        learn.markEpochStart();
        int current = epoch;
        // Done (also when cancelled on purpose) before afterEpoch, so checkpoints saved there count it; an epoch
        // left by CancelFitException or an error is not done: a resume trains it again.
        withEvents(learn, Stage.EPOCH, () -> doEpoch(learn), () -> learn.setEpochsDone(current + 1));
      }
    });
  }

  /** An empty loader would give NaN rows and no error: refused before any event fires. */
  static void requireBatches(String op, String which, DataLoader loader) {
    if (loader.size() > 0) return;
    throw new IllegalArgumentException(op + ": the " + which + " loader has no batches (its dataset holds "
        + loader.dataset().size() + " items, batch size " + loader.batchSize()
        + (loader.dropLast() ? ", dropLast drops a last partial batch" : "") + "): give it at least one item");
  }

  private static void doEpoch(Learner learn) {
    learn.setDl(learn.dls().train());
    try {
      withEvents(learn, Stage.TRAIN, () -> allBatches(learn));
    } finally {
      learn.setDl(null);
    }
    doValidate(learn, learn.dls().valid());
  }

  /** Validation: eval mode for this thread (EvalMode) and no graph recording. */
  static void validate(Learner learn, DataLoader loader) {
    doValidate(learn, loader);
  }

  private static void doValidate(Learner learn, DataLoader loader) {
    learn.setDl(loader);
    try (NoGrad noGrad = Tensor.noGrad(); EvalMode eval = Module.evalMode()) {
      withEvents(learn, Stage.VALIDATE, () -> allBatches(learn));
    } finally {
      learn.setDl(null);
    }
  }

  private static void allBatches(Learner learn) {
    DataLoader loader = learn.dl();
    int n = loader.size();
    int i = 0;
    for (Batch batch : loader) {
      learn.setIter(i++, n);
      learn.setBatch(batch);
      try {
        withEvents(learn, Stage.BATCH, () -> oneBatch(learn));
      } finally {
        learn.clearBatch();
      }
    }
  }

  private static void oneBatch(Learner learn) {
    BatchSteps steps = learn.batchSteps();
    learn.setPred(steps.predict(learn));
    learn.fire(Event.afterPred);
    learn.setLoss(steps.loss(learn));
    learn.fire(Event.afterLoss);
    if (!learn.isTraining()) return;
    withEvents(learn, Stage.BACKWARD, () -> steps.backward(learn));
    withEvents(learn, Stage.STEP, () -> steps.step(learn));
    steps.zeroGrad(learn);
  }
}
