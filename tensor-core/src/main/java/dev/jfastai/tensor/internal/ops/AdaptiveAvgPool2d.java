package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;
import dev.jfastai.tensor.internal.StoragePool;

/**
 * Average pooling of NCHW planes to a fixed output size: output row o averages input rows
 * floor(o*H/OH) to ceil((o+1)*H/OH) - 1 (PyTorch's formulas), likewise for columns. Backward spreads each output's
 * gradient evenly over its window.
 */
public final class AdaptiveAvgPool2d extends BuiltInOp {
  private final int outHeight;
  private final int outWidth;
  private int[] shape;
  private PoolWindows windows;

  public AdaptiveAvgPool2d(int outHeight, int outWidth) {
    if (outHeight < 1 || outWidth < 1) {
      throw new IllegalArgumentException("adaptiveAvgPool2d: output size must be >= 1, got " + outHeight + "x"
          + outWidth);
    }
    this.outHeight = outHeight;
    this.outWidth = outWidth;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    // backward needs only what forward derives from x, but PyTorch saves x too, so an in-place change of x
    // before backward fails here as it does there
    Tensor x = save(in[0]);
    shape = x.shape();
    if (shape.length != 4 || shape[2] == 0 || shape[3] == 0) {
      throw new IllegalArgumentException("adaptiveAvgPool2d: expects a non-empty input [N, C, H, W], got "
          + Shapes.str(shape));
    }
    int[][] rows = axis(outHeight, shape[2]);
    int[][] cols = axis(outWidth, shape[3]);
    windows = new PoolWindows(shape[2], shape[3], rows[0], rows[1], rows[2], cols[0], cols[1], cols[2]);
    float[] y = StoragePool.take(windows.outputSize(shape[0] * shape[1])); // every element is written
    windows.average(x.array(), x.arrayOffset(), shape[0] * shape[1], y);
    return Tensor.wrap(y, shape[0], shape[1], outHeight, outWidth);
  }

  /** The input gradient is written in full into an array of its own. */
  @Override
  protected boolean returnsFreshGradients() {
    return true;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {Tensor.wrap(windows.spread(g.array(), g.arrayOffset(), shape[0] * shape[1]), shape)};
  }

  /** Per output index: the window's first and one-past-last input index, and its length. */
  private static int[][] axis(int outSize, int size) {
    int[][] r = new int[3][outSize];
    for (int o = 0; o < outSize; o++) {
      r[0][o] = o * size / outSize;
      r[1][o] = ((o + 1) * size + outSize - 1) / outSize;
      r[2][o] = r[1][o] - r[0][o];
    }
    return r;
  }
}
