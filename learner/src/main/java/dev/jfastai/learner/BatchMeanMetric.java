package dev.jfastai.learner;

/**
 * The unweighted mean of per-batch values, as the chapter's {@code validate_epoch} computes it
 * ({@code torch.stack(accs).mean()}); differs from {@link AvgMetric} when the last batch is smaller.
 */
public final class BatchMeanMetric implements Metric {
  private final String name;
  private final MetricFunction function;
  private double total;
  private int batches;

  public BatchMeanMetric(String name, MetricFunction function) {
    this.name = name;
    this.function = function;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void reset() {
    total = 0;
    batches = 0;
  }

  @Override
  public void accumulate(Learner learn) {
    total += function.compute(learn.pred(), learn.yb());
    batches++;
  }

  @Override
  public double value() {
    return batches == 0 ? Double.NaN : total / batches;
  }
}
