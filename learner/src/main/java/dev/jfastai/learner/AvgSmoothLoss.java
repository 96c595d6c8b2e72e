package dev.jfastai.learner;

import java.util.OptionalDouble;

/**
 * Exponential moving average of the training loss with debiasing, as fastai's {@code AvgSmoothLoss}:
 * {@code v = beta*v + (1-beta)*loss}, reported as {@code v / (1 - beta^count)}.
 */
public final class AvgSmoothLoss implements Metric {
  private final double beta;
  private double value;
  private int count;

  public AvgSmoothLoss() {
    this(0.98);
  }

  public AvgSmoothLoss(double beta) {
    this.beta = beta;
  }

  @Override
  public String name() {
    return "smooth_loss";
  }

  @Override
  public void reset() {
    value = 0;
    count = 0;
  }

  @Override
  public void accumulate(Learner learn) {
    add(learn.loss().mean().item());
  }

  /** Adds one batch's loss. */
  public void add(double loss) {
    count++;
    value = beta * value + (1 - beta) * loss;
  }

  @Override
  public OptionalDouble value() {
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(value / (1 - Math.pow(beta, count)));
  }

  int count() {
    return count;
  }

  double rawValue() {
    return value;
  }

  void restore(double rawValue, int count) {
    this.value = rawValue;
    this.count = count;
  }
}
