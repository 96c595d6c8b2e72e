package dev.jfastai.learner;

import java.util.OptionalDouble;

/**
 * Averages a per-batch function over a phase. By default weighted by batch size, like fastai's {@code AvgMetric}
 * (exact over the dataset); {@link Metrics#meanOfBatches} gives the unweighted mean of batch values instead, as the
 * chapter's {@code validate_epoch} computes it (they differ when the last batch is smaller).
 */
public final class AvgMetric implements Metric {
  private final String name;
  private final MetricFunction function;
  private final boolean weightByBatchSize;
  private double total;
  private int count;

  public AvgMetric(String name, MetricFunction function) {
    this(name, function, true);
  }

  AvgMetric(String name, MetricFunction function, boolean weightByBatchSize) {
    this.name = name;
    this.function = function;
    this.weightByBatchSize = weightByBatchSize;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void reset() {
    total = 0;
    count = 0;
  }

  @Override
  public void accumulate(Learner learn) {
    int weight = weightByBatchSize ? learn.batchSize() : 1;
    total += function.compute(learn.pred(), learn.yb()) * weight;
    count += weight;
  }

  @Override
  public OptionalDouble value() {
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(total / count);
  }
}
