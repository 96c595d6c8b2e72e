package dev.jfastai.learner;

/** Averages a per-batch function weighted by batch size, like fastai's {@code AvgMetric}: exact over the dataset. */
public final class AvgMetric implements Metric {
  private final String name;
  private final MetricFunction function;
  private double total;
  private int count;

  public AvgMetric(String name, MetricFunction function) {
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
    count = 0;
  }

  @Override
  public void accumulate(Learner learn) {
    int bs = learn.batchSize();
    total += function.compute(learn.pred(), learn.yb()) * bs;
    count += bs;
  }

  @Override
  public double value() {
    return count == 0 ? Double.NaN : total / count;
  }
}
