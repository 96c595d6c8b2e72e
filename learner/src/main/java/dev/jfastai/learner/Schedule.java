package dev.jfastai.learner;

/**
 * A hyper-parameter value as a function of training progress {@code pos} in [0, 1] (fastai's annealers).
 * Factories: {@link #cos}, {@link #linear}, {@link #exp}, {@link #constant}, {@link #combined}, {@link #combinedCos}.
 */
@FunctionalInterface
public interface Schedule {
  double at(double pos);

  /** Cosine from start to end: {@code start + (1 + cos(pi (1 - pos))) (end - start) / 2}. */
  static Schedule cos(double start, double end) {
    return pos -> start + (1 + Math.cos(Math.PI * (1 - pos))) * (end - start) / 2;
  }

  static Schedule linear(double start, double end) {
    return pos -> start + pos * (end - start);
  }

  /** Exponential: {@code start * (end / start)^pos}. */
  static Schedule exp(double start, double end) {
    return pos -> start * Math.pow(end / start, pos);
  }

  static Schedule constant(double value) {
    return pos -> value;
  }

  /**
   * Runs {@code schedules[i]} over a share {@code pcts[i]} of training (shares sum to 1), like fastai's combine_scheds.
   */
  static Schedule combined(double[] pcts, Schedule... schedules) {
    if (pcts.length != schedules.length) {
      throw new IllegalArgumentException("combined: " + pcts.length + " shares for " + schedules.length + " schedules");
    }
    double[] bounds = new double[pcts.length + 1];
    for (int i = 0; i < pcts.length; i++) {
      if (pcts[i] < 0) throw new IllegalArgumentException("combined: negative share " + pcts[i]);
      bounds[i + 1] = bounds[i] + pcts[i];
    }
    if (Math.abs(bounds[pcts.length] - 1) > 1e-6) {
      throw new IllegalArgumentException("combined: shares sum to " + bounds[pcts.length] + ", not 1");
    }
    return pos -> {
      if (pos >= 1) return schedules[schedules.length - 1].at(1);
      int i = 0;
      while (i < pcts.length - 1 && pos >= bounds[i + 1]) i++;
      double width = bounds[i + 1] - bounds[i];
      return schedules[i].at(width == 0 ? 1 : (pos - bounds[i]) / width);
    };
  }

  /** Cosine from start to middle over {@code pct} of training, then from middle to end (fastai's combined_cos). */
  static Schedule combinedCos(double pct, double start, double middle, double end) {
    return combined(new double[] {pct, 1 - pct}, cos(start, middle), cos(middle, end));
  }
}
