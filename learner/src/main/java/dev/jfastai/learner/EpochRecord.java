package dev.jfastai.learner;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One epoch's results as the {@link Recorder} keeps them: the smoothed train loss (fastai's {@code train_loss}),
 * the plain mean train loss, the valid loss, each metric by name, and the epoch's wall time. NaN marks a value
 * that was not computed (a cancelled phase).
 */
public record EpochRecord(int epoch, double trainLoss, double trainLossMean, double validLoss,
                          Map<String, Double> metrics, double seconds) {
  public EpochRecord {
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** A value by its column name: {@code train_loss}, {@code valid_loss}, or a metric's name; NaN if unknown. */
  public double value(String name) {
    switch (name) {
      case "train_loss": return trainLoss;
      case "valid_loss": return validLoss;
      case "epoch": return epoch;
      case "time": return seconds;
      default: return metrics.getOrDefault(name, Double.NaN);
    }
  }
}
