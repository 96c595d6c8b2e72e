package dev.jfastai.nn;

/**
 * Batch normalization of NCHW images per channel, PyTorch's {@code nn.BatchNorm2d}: in training, the batch's mean
 * and biased variance, with the running statistics updated (momentum 0.1, unbiased variance); in evaluation, the
 * running statistics. State-dict keys {@code weight}, {@code bias}, {@code running_mean}, {@code running_var},
 * {@code num_batches_tracked}. {@code new BatchNorm2d(8)} or {@code BatchNorm2d.builder(8).momentum(0.01).build()}.
 */
public final class BatchNorm2d extends BatchNormLayer {
  /** PyTorch's defaults: eps 1e-5, momentum 0.1, affine, tracking running statistics. */
  public BatchNorm2d(int numFeatures) {
    this(builder(numFeatures));
  }

  private BatchNorm2d(BatchNormBuilder<BatchNorm2d> b) {
    super(b);
  }

  public static BatchNormBuilder<BatchNorm2d> builder(int numFeatures) {
    return new BatchNormBuilder<>(numFeatures, BatchNorm2d::new);
  }

  @Override
  boolean acceptsRank(int rank) {
    return rank == 4;
  }

  @Override
  String expectedInput() {
    return "[N, C, H, W]";
  }
}
