package dev.jfastai.spark.internal;

import dev.jfastai.learner.Learner;
import dev.jfastai.learner.Metric;

/** The driver's face of a {@link dev.jfastai.spark.SparkMetric}: its value is the distributed validation's sum. */
public final class DistributedMetric implements Metric {
  private final String name;
  private final int index;
  private final RoundSteps steps;
  private double total;
  private long rows;

  public DistributedMetric(String name, int index, RoundSteps steps) {
    this.name = name;
    this.index = index;
    this.steps = steps;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void reset() {
    total = 0;
    rows = 0;
  }

  @Override
  public void accumulate(Learner learn) {
    total += steps.validMetricSum(index);
    rows += steps.validRows();
  }

  @Override
  public double value() {
    return rows == 0 ? Double.NaN : total / rows;
  }
}
