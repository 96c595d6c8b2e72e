package dev.jfastai.learner;

import java.util.OptionalDouble;

/** The loss averaged over a phase, weighted by batch size (fastai's {@code AvgLoss}). */
public final class AvgLoss implements Metric {
  private double total;
  private int count;

  @Override
  public String name() {
    return "loss";
  }

  @Override
  public void reset() {
    total = 0;
    count = 0;
  }

  @Override
  public void accumulate(Learner learn) {
    int bs = learn.batchSize();
    total += learn.loss().mean().item() * bs;
    count += bs;
  }

  @Override
  public OptionalDouble value() {
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(total / count);
  }
}
