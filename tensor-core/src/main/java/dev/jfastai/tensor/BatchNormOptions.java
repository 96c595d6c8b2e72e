package dev.jfastai.tensor;

/**
 * The settings of {@link NnFunctional#batchNorm}, as {@code torch.nn.functional.batch_norm}'s keyword arguments:
 * whether to normalize with the batch's statistics and update the running ones ({@code training}, false by
 * default as in PyTorch), the running statistics' momentum (0.1) and eps (1e-5). Build with
 * {@code BatchNormOptions.builder().training(true).momentum(0.01).build()}, or use {@link #training()} and
 * {@link #evaluation()} for the defaults.
 */
public final class BatchNormOptions {
  private static final BatchNormOptions TRAINING = builder().training(true).build();
  private static final BatchNormOptions EVALUATION = builder().build();

  private final boolean training;
  private final double momentum;
  private final double eps;

  private BatchNormOptions(Builder b) {
    this.training = b.training;
    this.momentum = b.momentum;
    this.eps = b.eps;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Training mode with PyTorch's default momentum and eps. */
  public static BatchNormOptions training() {
    return TRAINING;
  }

  /** Evaluation mode (the running statistics normalize) with PyTorch's default eps. */
  public static BatchNormOptions evaluation() {
    return EVALUATION;
  }

  public boolean isTraining() {
    return training;
  }

  public double momentum() {
    return momentum;
  }

  public double eps() {
    return eps;
  }

  /** Collects the options; each is checked when given. */
  public static final class Builder {
    private boolean training;
    private double momentum = NnFunctional.BATCH_NORM_MOMENTUM;
    private double eps = NnFunctional.BATCH_NORM_EPS;

    private Builder() {}

    public Builder training(boolean training) {
      this.training = training;
      return this;
    }

    /** Weight of the batch's statistics in the running ones, in [0, 1]. */
    public Builder momentum(double momentum) {
      if (!(momentum >= 0 && momentum <= 1)) {
        throw new IllegalArgumentException("BatchNormOptions: momentum must be in [0, 1], got " + momentum);
      }
      this.momentum = momentum;
      return this;
    }

    /** Added to the variance before its square root; not negative (0 is allowed, as in PyTorch and the layers). */
    public Builder eps(double eps) {
      if (!(eps >= 0 && Double.isFinite(eps))) {
        throw new IllegalArgumentException("BatchNormOptions: eps must be >= 0 and finite, got " + eps);
      }
      this.eps = eps;
      return this;
    }

    public BatchNormOptions build() {
      return new BatchNormOptions(this);
    }
  }
}
