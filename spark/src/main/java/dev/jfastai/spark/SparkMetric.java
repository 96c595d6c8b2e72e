package dev.jfastai.spark;

import dev.jfastai.learner.Metrics;
import java.io.Serializable;
import java.util.Objects;

/**
 * A validation metric computed on the executors: each partition sums {@code function(pred, target) * rows} over its
 * batches and the driver divides the total by the number of rows, so the value is exact over the whole set (fastai's
 * sample-weighted {@code AvgMetric}).
 */
public record SparkMetric(String name, SparkMetricFunction function) implements Serializable {
  private static final long serialVersionUID = 1L;

  public SparkMetric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, "function");
  }

  /** A metric named {@code name} averaged over samples. */
  public static SparkMetric of(String name, SparkMetricFunction function) {
    return new SparkMetric(name, function);
  }

  /** The chapter's {@code batch_accuracy} (sigmoid over 0.5 against 0/1 targets), weighted by rows. */
  public static SparkMetric batchAccuracy() {
    return of("batch_accuracy", Metrics::binaryAccuracy);
  }

  /** Multi-class accuracy (argmax against class indices), weighted by rows. */
  public static SparkMetric accuracy() {
    return of("accuracy", Metrics::multiClassAccuracy);
  }
}
