package dev.jfastai.learner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

  /**
   * A value by its column name: {@code epoch}, {@code train_loss}, {@code valid_loss}, a metric's name or
   * {@code time}. An unknown name throws {@link IllegalArgumentException} listing the known ones (see {@link #has}).
   */
  public double value(String name) {
    switch (name) {
      case "train_loss": return trainLoss;
      case "valid_loss": return validLoss;
      case "epoch": return epoch;
      case "time": return seconds;
      default:
        Double v = metrics.get(name);
        if (v == null) {
          throw new IllegalArgumentException("EpochRecord: no column '" + name + "'; known: " + metricNames());
        }
        return v;
    }
  }

  /** Whether {@link #value} knows {@code name}. */
  public boolean has(String name) {
    return metricNames().contains(name);
  }

  /** The column names in table order, as {@link Recorder#metricNames}: epoch, train_loss, valid_loss, metrics, time. */
  public List<String> metricNames() {
    List<String> names = new ArrayList<>(List.of("epoch", "train_loss", "valid_loss"));
    names.addAll(metrics.keySet());
    names.add("time");
    return names;
  }
}
