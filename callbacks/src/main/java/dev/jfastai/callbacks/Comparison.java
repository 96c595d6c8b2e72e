package dev.jfastai.callbacks;

import java.util.Locale;

/** Which direction of a monitored value is an improvement. */
public enum Comparison {
  LOWER_IS_BETTER,
  HIGHER_IS_BETTER;

  /**
   * fastai's rule: a name containing {@code loss} or {@code error} is lower-is-better ({@code valid_loss},
   * {@code error_rate}); anything else ({@code accuracy}, {@code batch_accuracy}) is higher-is-better.
   */
  public static Comparison infer(String monitor) {
    String name = monitor.toLowerCase(Locale.ROOT);
    return name.contains("loss") || name.contains("error") ? LOWER_IS_BETTER : HIGHER_IS_BETTER;
  }

  /** Whether {@code value} beats {@code reference} by more than {@code minDelta} (NaN never does). */
  public boolean improves(double value, double reference, double minDelta) {
    return this == LOWER_IS_BETTER ? value + minDelta < reference : value - minDelta > reference;
  }

  /** The starting "best" that any real value improves on. */
  public double worst() {
    return this == LOWER_IS_BETTER ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }
}
