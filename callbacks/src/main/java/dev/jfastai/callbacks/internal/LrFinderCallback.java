package dev.jfastai.callbacks.internal;

import dev.jfastai.learner.AvgSmoothLoss;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.CancelFitException;
import dev.jfastai.learner.CancelValidException;
import dev.jfastai.learner.Learner;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * The LR finder's mock training (fastai's {@code LRFinder} callback): sets the lr of training batch i from the
 * sweep, records it with the smoothed loss, skips validation, and stops after {@code numIt} batches or when the
 * smoothed loss diverges (above 4 times its best, or not finite).
 */
public final class LrFinderCallback implements Callback {
  private final IntToDoubleFunction lrAt;
  private final int numIt;
  private final boolean stopDiv;
  private final AvgSmoothLoss smooth = new AvgSmoothLoss();
  private final List<Double> lrs = new ArrayList<>();
  private final List<Double> losses = new ArrayList<>();
  private Map<String, Tensor> initialOptState;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private double lr;

  public LrFinderCallback(IntToDoubleFunction lrAt, int numIt, boolean stopDiv) {
    this.lrAt = lrAt;
    this.numIt = numIt;
    this.stopDiv = stopDiv;
  }

  @Override
  public int order() {
    return 60;
  }

  @Override
  public void beforeFit(Learner learn) {
    initialOptState = learn.opt().stateDict(); // the optimizer as the fit made it, before any sweep step
  }

  @Override
  public void beforeBatch(Learner learn) {
    if (!learn.isTraining()) return;
    lr = lrAt.applyAsDouble(lrs.size());
    learn.opt().setLr(lr);
  }

  @Override
  public void afterBatch(Learner learn) {
    if (!learn.isTraining() || !learn.hasLoss()) return;
    smooth.add(learn.loss().mean().item());
    double s = smooth.value().orElseThrow();
    lrs.add(lr);
    losses.add(s);
    if (s < bestLoss) bestLoss = s;
    if (stopDiv && (s > 4 * bestLoss || !Double.isFinite(s))) throw new CancelFitException();
    if (lrs.size() >= numIt) throw new CancelFitException();
  }

  @Override
  public void beforeValidate(Learner learn) {
    throw new CancelValidException();
  }

  /** The optimizer's state when the sweep began. */
  public Map<String, Tensor> initialOptState() {
    return initialOptState;
  }

  public List<Double> lrs() {
    return lrs;
  }

  public List<Double> losses() {
    return losses;
  }
}
