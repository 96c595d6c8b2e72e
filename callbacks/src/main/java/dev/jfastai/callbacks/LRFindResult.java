package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.LrSuggestions;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What {@link LRFinder#lrFind} measured: the lr of each batch and the smoothed loss after it, and fastai's three
 * suggestions: {@code minimum} (a tenth of the lr at the lowest loss), {@code steep} (where the loss falls fastest)
 * and {@code valley} (halfway down the longest decreasing stretch, fastai's default). A suggestion is empty when the
 * sweep was too short to give one.
 */
public record LRFindResult(List<Double> lrs, List<Double> losses, OptionalDouble minimum, OptionalDouble steep,
    OptionalDouble valley) {
  public LRFindResult {
    lrs = List.copyOf(lrs);
    losses = List.copyOf(losses);
    if (lrs.size() != losses.size()) {
      throw new IllegalArgumentException("LRFindResult: " + lrs.size() + " lrs but " + losses.size() + " losses");
    }
  }

  /**
   * Computes the suggestions as fastai does: on the points left after dropping the first numIt/10, the last 5 and any
   * from the first NaN on.
   */
  public static LRFindResult of(List<Double> lrs, List<Double> losses, int numIt) {
    if (lrs.size() != losses.size()) {
      throw new IllegalArgumentException("LRFindResult: " + lrs.size() + " lrs but " + losses.size() + " losses");
    }
    int[] w = LrSuggestions.window(losses, numIt);
    double[] l = new double[w[1] - w[0]];
    double[] s = new double[l.length];
    for (int i = 0; i < l.length; i++) {
      l[i] = lrs.get(w[0] + i);
      s[i] = losses.get(w[0] + i);
    }
    return new LRFindResult(lrs, losses, present(LrSuggestions.minimum(l, s)), present(LrSuggestions.steep(l, s)),
        present(LrSuggestions.valley(l, s)));
  }

  private static OptionalDouble present(double suggestion) {
    return Double.isNaN(suggestion) ? OptionalDouble.empty() : OptionalDouble.of(suggestion);
  }
}
