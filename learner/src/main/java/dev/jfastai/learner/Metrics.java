package dev.jfastai.learner;

import dev.jfastai.tensor.Tensor;

/** Ready-made metrics, and factories to write your own in one line. */
public final class Metrics {
  private Metrics() {}

  /** A metric averaged over samples (batch-size weighted), like fastai's {@code AvgMetric}. */
  public static Metric avg(String name, MetricFunction function) {
    return new AvgMetric(name, function);
  }

  /** A metric averaged over batches, unweighted, like the chapter's {@code validate_epoch}. */
  public static Metric meanOfBatches(String name, MetricFunction function) {
    return new AvgMetric(name, function, false);
  }

  /** The chapter's {@code batch_accuracy} as the chapter averages it: the mean of the per-batch accuracies. */
  public static Metric batchAccuracy() {
    return meanOfBatches("batch_accuracy", Metrics::binaryAccuracy);
  }

  /** Multi-class accuracy (argmax of the last dim against class-index targets), sample-weighted. */
  public static Metric accuracy() {
    return avg("accuracy", Metrics::multiClassAccuracy);
  }

  /** 1 - accuracy, sample-weighted. */
  public static Metric errorRate() {
    return avg("error_rate", (pred, target) -> 1 - multiClassAccuracy(pred, target));
  }

  /** The chapter's {@code batch_accuracy}: {@code ((sigmoid(pred) > 0.5) == target).mean()}. */
  public static double binaryAccuracy(Tensor pred, Tensor target) {
    return pred.sigmoid().gt(0.5f).eq(target.reshape(pred.shape())).mean().item();
  }

  /** Share of rows whose argmax over the last dim equals the target class index. */
  public static double multiClassAccuracy(Tensor pred, Tensor target) {
    return pred.argmax(-1).eq(target.reshape(-1)).mean().item();
  }
}
