package dev.jfastai.callbacks;

import dev.jfastai.learner.Callback;
import dev.jfastai.learner.CancelFitException;
import dev.jfastai.learner.Learner;
import dev.jfastai.tensor.Tensor;
import java.util.OptionalInt;

/**
 * fastai's {@code TerminateOnNaNCallback}: stops the fit ({@link CancelFitException}) as soon as a batch's loss is
 * NaN or infinite. Order 40, before the Recorder, so the bad loss is not recorded.
 */
public final class TerminateOnNaN implements Callback {
  private int terminatedEpoch = -1;
  private int terminatedIter = -1;

  /** Has no settings; Guice can inject it too. */
  public TerminateOnNaN() {
    // nothing to configure
  }

  @Override
  public int order() {
    return 40;
  }

  @Override
  public void beforeFit(Learner learn) {
    terminatedEpoch = -1;
    terminatedIter = -1;
  }

  @Override
  public void afterBatch(Learner learn) {
    if (!learn.hasLoss() || allFinite(learn.loss())) return;
    terminatedEpoch = learn.epoch();
    terminatedIter = learn.iter();
    throw new CancelFitException();
  }

  /** The epoch in which the last fit was stopped; empty if no loss stopped it. */
  public OptionalInt terminatedEpoch() {
    return terminatedEpoch < 0 ? OptionalInt.empty() : OptionalInt.of(terminatedEpoch);
  }

  /** The batch index (within its epoch) whose loss stopped the last fit; empty if no loss stopped it. */
  public OptionalInt terminatedIter() {
    return terminatedIter < 0 ? OptionalInt.empty() : OptionalInt.of(terminatedIter);
  }

  private static boolean allFinite(Tensor t) {
    float[] a = t.array();
    int off = t.arrayOffset();
    for (int i = 0, n = t.numel(); i < n; i++) if (!Float.isFinite(a[off + i])) return false;
    return true;
  }
}
