package dev.jfastai.nn;

import java.util.function.Function;

/**
 * The settings of {@link BatchNorm1d} and {@link BatchNorm2d}, PyTorch's constructor arguments with their defaults:
 * {@code eps} 1e-5, {@code momentum} 0.1, {@code affine} true, {@code trackRunningStats} true.
 */
public final class BatchNormBuilder<T extends Module> {
  private final int numFeatures;
  private final Function<BatchNormBuilder<T>, T> factory;
  private double eps = 1e-5;
  private double momentum = 0.1;
  private boolean affine = true;
  private boolean trackRunningStats = true;

  BatchNormBuilder(int numFeatures, Function<BatchNormBuilder<T>, T> factory) {
    if (numFeatures <= 0) {
      throw new IllegalArgumentException("BatchNorm: num_features must be positive, got " + numFeatures);
    }
    this.numFeatures = numFeatures;
    this.factory = factory;
  }

  /** Added to the variance before its square root. */
  public BatchNormBuilder<T> eps(double eps) {
    if (!(eps >= 0)) throw new IllegalArgumentException("BatchNorm: eps must be >= 0, got " + eps);
    this.eps = eps;
    return this;
  }

  /** The weight of each new batch in the running statistics: {@code r = (1 - momentum) r + momentum x}. */
  public BatchNormBuilder<T> momentum(double momentum) {
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException("BatchNorm: momentum must be in [0, 1], got " + momentum);
    }
    this.momentum = momentum;
    return this;
  }

  /** Whether the layer has a learnable per-channel {@code weight} (ones) and {@code bias} (zeros). */
  public BatchNormBuilder<T> affine(boolean affine) {
    this.affine = affine;
    return this;
  }

  /** Whether running statistics are kept (and used in eval mode); without them batch statistics are always used. */
  public BatchNormBuilder<T> trackRunningStats(boolean track) {
    this.trackRunningStats = track;
    return this;
  }

  public T build() {
    return factory.apply(this);
  }

  int numFeatures() {
    return numFeatures;
  }

  double eps() {
    return eps;
  }

  double momentum() {
    return momentum;
  }

  boolean affine() {
    return affine;
  }

  boolean trackRunningStats() {
    return trackRunningStats;
  }
}
