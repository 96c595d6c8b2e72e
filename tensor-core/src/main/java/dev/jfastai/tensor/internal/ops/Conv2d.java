package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Conv2dOptions;
import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;
import dev.jfastai.tensor.internal.StoragePool;
import dev.jfastai.tensor.internal.kernels.ConvGeometry;
import dev.jfastai.tensor.internal.kernels.Gemm;
import dev.jfastai.tensor.internal.kernels.Im2Col;

/**
 * 2-d convolution (cross-correlation, as PyTorch) of x [N, C, H, W] with w [OC, C/groups, kh, kw] plus an optional
 * bias [OC], as im2col + one GEMM per group over the whole batch: Y[OC, N*OH*OW] = W[OC, K] · col[K, N*OH*OW],
 * stored back as [N, OC, OH, OW]. Backward, with G = dY in the same [OC, N*OH*OW] layout:
 * dW = G · colᵀ, dcol = Wᵀ · G folded back into dx, db = row sums of G. col is rebuilt in backward, not kept.
 */
public final class Conv2d extends Function {
  private final Conv2dOptions options;
  private ConvGeometry geometry;
  private Tensor x;
  private Tensor w;

  public Conv2d(Conv2dOptions options) {
    this.options = options;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    x = in[0];
    w = in[1];
    Tensor b = in.length > 2 ? in[2] : null;
    geometry = geometry(x.shape(), w.shape(), b == null ? null : b.shape(), options);
    ConvGeometry g = geometry;
    int oc = g.outChannels();
    int pixels = g.outHeight() * g.outWidth();
    float[] product = StoragePool.take(oc * g.columns());
    float[] col = unfolded();
    multiplyWeight(col, product);
    StoragePool.release(col);
    float[] y = StoragePool.take(g.batch() * oc * pixels);
    for (int n = 0; n < g.batch(); n++) {
      for (int o = 0; o < oc; o++) {
        int src = o * g.columns() + n * pixels;
        int dst = (n * oc + o) * pixels;
        if (b == null) {
          System.arraycopy(product, src, y, dst, pixels);
        } else {
          float bias = b.array()[b.arrayOffset() + o];
          for (int p = 0; p < pixels; p++) y[dst + p] = product[src + p] + bias;
        }
      }
    }
    StoragePool.release(product);
    return Tensor.wrap(y, g.batch(), oc, g.outHeight(), g.outWidth());
  }

  /** dx, dW and db are each written in full into an array of their own. */
  @Override
  protected boolean returnsFreshGradients() {
    return true;
  }

  @Override
  protected Tensor[] backward(Tensor gradOutput) {
    ConvGeometry g = geometry;
    int oc = g.outChannels();
    int groupOut = oc / g.groups();
    int rows = g.groupRows();
    int cols = g.columns();
    float[] grad = toChannelMajor(gradOutput);
    Tensor gx = null;
    Tensor gw = null;
    Tensor gb = null;
    if (needsInputGrad(1)) {
      float[] col = unfolded();
      float[] d = gradientBuffer(1, w.numel());
      for (int gi = 0; gi < g.groups(); gi++) {
        Gemm.gemm(false, true, groupOut, rows, cols, grad, gi * groupOut * cols, col, gi * rows * cols,
            d, gi * groupOut * rows, false);
      }
      StoragePool.release(col);
      gw = Tensor.wrap(d, w.shape());
    }
    if (needsInputGrad(0)) {
      float[] dcol = StoragePool.take(g.groups() * rows * cols);
      for (int gi = 0; gi < g.groups(); gi++) {
        Gemm.gemm(true, false, rows, cols, groupOut, w.array(), w.arrayOffset() + gi * groupOut * rows,
            grad, gi * groupOut * cols, dcol, gi * rows * cols, false);
      }
      float[] d = gradientBuffer(0, x.numel());
      Im2Col.fold(g, dcol, d);
      StoragePool.release(dcol);
      gx = Tensor.wrap(d, x.shape());
    }
    if (needsInputGrad(2)) {
      float[] d = gradientBuffer(2, oc);
      for (int o = 0; o < oc; o++) {
        double s = 0;
        for (int p = o * cols, end = p + cols; p < end; p++) s += grad[p];
        d[o] = (float) s;
      }
      gb = Tensor.wrap(d, oc);
    }
    StoragePool.release(grad);
    return new Tensor[] {gx, gw, gb};
  }

  /** The column matrix of x, in a pooled array the caller releases. */
  private float[] unfolded() {
    float[] col = StoragePool.take(geometry.groups() * geometry.groupRows() * geometry.columns());
    Im2Col.unfold(geometry, x.array(), x.arrayOffset(), col);
    return col;
  }

  /** product[OC, N*OH*OW] = W · col, one GEMM per group. */
  private void multiplyWeight(float[] col, float[] product) {
    ConvGeometry g = geometry;
    int groupOut = g.outChannels() / g.groups();
    int rows = g.groupRows();
    int cols = g.columns();
    for (int gi = 0; gi < g.groups(); gi++) {
      Gemm.gemm(false, false, groupOut, cols, rows, w.array(), w.arrayOffset() + gi * groupOut * rows,
          col, gi * rows * cols, product, gi * groupOut * cols, false);
    }
  }

  /** dY [N, OC, OH*OW] as [OC, N*OH*OW], in a pooled array. */
  private float[] toChannelMajor(Tensor gradOutput) {
    ConvGeometry g = geometry;
    int oc = g.outChannels();
    int pixels = g.outHeight() * g.outWidth();
    float[] src = gradOutput.array();
    int off = gradOutput.arrayOffset();
    float[] out = StoragePool.take(oc * g.columns());
    for (int n = 0; n < g.batch(); n++) {
      for (int o = 0; o < oc; o++) {
        System.arraycopy(src, off + (n * oc + o) * pixels, out, o * g.columns() + n * pixels, pixels);
      }
    }
    return out;
  }

  /** Checks the shapes against each other and the options; the message names every shape involved. */
  static ConvGeometry geometry(int[] xs, int[] ws, int[] bs, Conv2dOptions options) {
    int groups = options.groups();
    String shapes = "input " + Shapes.str(xs) + ", weight " + Shapes.str(ws)
        + (bs == null ? "" : ", bias " + Shapes.str(bs)) + " (" + options + ")";
    if (xs.length != 4 || ws.length != 4) {
      throw new IllegalArgumentException("conv2d: expects input [N, C, H, W] and weight [OC, C/groups, kh, kw], got "
          + shapes);
    }
    if (xs[1] % groups != 0 || ws[0] % groups != 0 || ws[1] * groups != xs[1]) {
      throw new IllegalArgumentException("conv2d: channels do not match: " + shapes + "; input channels and OC must"
          + " be divisible by groups, and the weight's dim 1 must be input channels / groups");
    }
    if (bs != null && (bs.length != 1 || bs[0] != ws[0])) {
      throw new IllegalArgumentException("conv2d: bias must be [OC] = [" + ws[0] + "], got " + shapes);
    }
    if (ws[0] == 0 || ws[2] == 0 || ws[3] == 0) {
      throw new IllegalArgumentException("conv2d: the weight must not be empty, got " + shapes);
    }
    int[] s = options.stride();
    int[] p = options.padding();
    int[] d = options.dilation();
    ConvGeometry g = new ConvGeometry(xs[0], xs[1], xs[2], xs[3], ws[0], ws[2], ws[3], s[0], s[1], p[0], p[1],
        d[0], d[1], groups);
    if (!g.fitsKernel()) {
      throw new IllegalArgumentException("conv2d: the padded input is smaller than the dilated kernel: " + shapes);
    }
    return g;
  }
}
