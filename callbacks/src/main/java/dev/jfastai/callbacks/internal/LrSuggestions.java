package dev.jfastai.callbacks.internal;

import java.util.List;

/**
 * fastai's learning-rate suggestions from an LR-finder curve (re-implemented from their definitions in
 * {@code fastai.callback.schedule}). Each takes the lrs and smoothed losses of {@link #window}.
 */
public final class LrSuggestions {
  private LrSuggestions() {}

  /**
   * fastai's window: drops the first {@code numIt/10} and the last 5 points, and everything from the first NaN loss.
   */
  public static int[] window(List<Double> losses, int numIt) {
    int from = Math.min(numIt / 10, losses.size());
    int to = Math.max(losses.size() - 5, 0);
    if (to <= from) return new int[] {from, from};
    for (int i = from; i < to; i++) {
      if (Double.isNaN(losses.get(i))) return new int[] {from, i};
    }
    return new int[] {from, to};
  }

  /** A tenth of the lr at the lowest loss (the first one if tied). */
  public static double minimum(double[] lrs, double[] losses) {
    if (lrs.length == 0) return Double.NaN;
    int best = 0;
    for (int i = 1; i < losses.length; i++) if (losses[i] < losses[best]) best = i;
    return lrs[best] / 10;
  }

  /** The lr where the loss falls fastest against log(lr): the left end of the steepest segment. */
  public static double steep(double[] lrs, double[] losses) {
    if (lrs.length < 2) return Double.NaN;
    int best = 0;
    double bestSlope = Double.POSITIVE_INFINITY;
    for (int i = 0; i + 1 < lrs.length; i++) {
      double slope = (losses[i + 1] - losses[i]) / (Math.log(lrs[i + 1]) - Math.log(lrs[i]));
      if (slope < bestSlope) {
        bestSlope = slope;
        best = i;
      }
    }
    return lrs[best];
  }

  /**
   * fastai's {@code valley}: finds the longest run of points whose losses keep decreasing (the longest strictly
   * decreasing subsequence, by dynamic programming) and suggests the lr about halfway down it, at
   * {@code start + floor(len/3) + floor(len/6)}. As fastai does, the run's start is fixed when its end first takes
   * the lead, from the length known at that moment. One deviation: when the best run is the first two points,
   * fastai's index is -1, which Python reads as the last (most divergent) lr; here it is the first.
   */
  public static double valley(double[] lrs, double[] losses) {
    int n = losses.length;
    if (n == 0) return Double.NaN;
    int[] longestEndingAt = new int[n];
    java.util.Arrays.fill(longestEndingAt, 1);
    int bestEnd = 0;
    int bestStart = 0;
    for (int i = 1; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (losses[i] < losses[j] && longestEndingAt[i] < longestEndingAt[j]
            + 1) longestEndingAt[i] = longestEndingAt[j] + 1;
        if (longestEndingAt[bestEnd] < longestEndingAt[i]) {
          bestEnd = i;
          bestStart = i - longestEndingAt[i];
        }
      }
    }
    double sections = (bestEnd - bestStart) / 3.0;
    int idx = bestStart + (int) sections + (int) (sections / 2);
    return lrs[Math.max(idx, 0)];
  }
}
