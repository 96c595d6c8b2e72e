package dev.jfastai.bench;

/**
 * The matrix products benchmarked: the chapter model's first layer (x[256,784] by W[30,784]) forward and
 * backward, and a square 1024 product for comparison with BLAS. Names match bench/torch_matmul.py.
 */
public enum GemmShape {
  /** Forward {@code x . W^T}: [256,784] x [30,784]^T. */
  FWD_X_WT(false, true, 256, 30, 784),
  /** Backward {@code dX = dY . W}: [256,30] x [30,784]. */
  BWD_DX_NN(false, false, 256, 784, 30),
  /** Backward {@code dW = dY^T . X}: [256,30]^T x [256,784]. */
  BWD_DW_TN(true, false, 30, 784, 256),
  /** Square [1024,1024] x [1024,1024]. */
  SQUARE_1024(false, false, 1024, 1024, 1024);

  final boolean transA;
  final boolean transB;
  final int m;
  final int n;
  final int k;

  GemmShape(boolean transA, boolean transB, int m, int n, int k) {
    this.transA = transA;
    this.transB = transB;
    this.m = m;
    this.n = n;
    this.k = k;
  }

  /** Floating-point operations of one product (a multiply and an add per term). */
  public double flops() {
    return 2.0 * m * n * k;
  }
}
