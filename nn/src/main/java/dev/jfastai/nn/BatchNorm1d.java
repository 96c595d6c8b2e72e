package dev.jfastai.nn;

/**
 * Batch normalization of {@code [N, C]} or {@code [N, C, L]} inputs per channel, PyTorch's {@code nn.BatchNorm1d}
 * (same statistics, buffers and state-dict keys as {@link BatchNorm2d}). {@code new BatchNorm1d(16)} or
 * {@code BatchNorm1d.builder(16).affine(false).build()}.
 */
public final class BatchNorm1d extends BatchNormLayer {
  /** PyTorch's defaults: eps 1e-5, momentum 0.1, affine, tracking running statistics. */
  public BatchNorm1d(int numFeatures) {
    this(builder(numFeatures));
  }

  private BatchNorm1d(BatchNormBuilder<BatchNorm1d> b) {
    super(b);
  }

  public static BatchNormBuilder<BatchNorm1d> builder(int numFeatures) {
    return new BatchNormBuilder<>(numFeatures, BatchNorm1d::new);
  }

  @Override
  boolean acceptsRank(int rank) {
    return rank == 2 || rank == 3;
  }

  @Override
  String expectedInput() {
    return "[N, C] or [N, C, L]";
  }
}
