package dev.jfastai.callbacks;

/**
 * Options of {@link LRFinder#lrFind(dev.jfastai.learner.Learner, LRFindOptions)} (fastai's defaults): the lr sweeps
 * exponentially from {@code startLr} (1e-7) to {@code endLr} (10) over {@code numIt} (100) training batches;
 * {@code stopDiv} stops early once the smoothed loss exceeds 4 times its best.
 */
public record LRFindOptions(double startLr, double endLr, int numIt, boolean stopDiv) {
  public LRFindOptions {
    if (!(startLr > 0) || !(endLr > startLr)) {
      throw new IllegalArgumentException("lrFind: need 0 < startLr < endLr, got startLr=" + startLr + ", endLr="
          + endLr);
    }
    if (numIt < 6) numIt = 6; // as fastai: fewer points give no suggestion
  }

  public LRFindOptions() {
    this(1e-7, 10, 100, true);
  }

  /** The lr of training batch {@code i}: {@code startLr * (endLr/startLr)^(i/numIt)}. */
  public double lrAt(int i) {
    return startLr * Math.pow(endLr / startLr, (double) i / numIt);
  }
}
