package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Pool2dOptions;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.StoragePool;

/**
 * Average pooling over windows of NCHW planes. The divisor is the window size, padded zeros included, or with
 * {@code countIncludePad=false} the number of real input elements it covers (PyTorch's rule). Backward spreads each
 * output's gradient, divided by the same divisor, over its window.
 */
public final class AvgPool2d extends BuiltInOp {
  private final Pool2dOptions options;
  private Pool2d pool;
  private PoolWindows windows;

  public AvgPool2d(Pool2dOptions options) {
    this.options = options;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    // backward needs only what forward derives from x, but PyTorch saves x too, so an in-place change of x
    // before backward fails here as it does there
    Tensor x = save(in[0]);
    pool = Pool2d.of("avgPool2d", x, options);
    Pool2d p = pool;
    int[][] rows = axis(p.outHeight(), p.strideHeight(), p.padHeight(), p.kernelHeight(), p.height());
    int[][] cols = axis(p.outWidth(), p.strideWidth(), p.padWidth(), p.kernelWidth(), p.width());
    windows = new PoolWindows(p.height(), p.width(), rows[0], rows[1], rows[2], cols[0], cols[1], cols[2]);
    float[] y = StoragePool.take(p.outputSize()); // every element is written
    windows.average(x.array(), x.arrayOffset(), p.planes(), y);
    return Tensor.wrap(y, p.outputShape());
  }

  /** The input gradient is written in full into an array of its own. */
  @Override
  protected boolean returnsFreshGradients() {
    return true;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {Tensor.wrap(windows.spread(g.array(), g.arrayOffset(), pool.planes()), pool.inputShape())};
  }

  /**
   * Per output index along one axis: the first and one-past-last input index inside the window, and the divisor's
   * factor, PyTorch's: the window clipped to the padded input when padding counts, else to the input.
   */
  private int[][] axis(int outSize, int stride, int pad, int kernel, int size) {
    int[][] r = new int[3][outSize];
    for (int o = 0; o < outSize; o++) {
      int start = o * stride - pad;
      int end = Math.min(start + kernel, size + pad);
      r[0][o] = Math.max(start, 0);
      r[1][o] = Math.min(end, size);
      r[2][o] = options.countIncludePad() ? end - start : r[1][o] - r[0][o];
    }
    return r;
  }
}
