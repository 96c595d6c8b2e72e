package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Conv2dOptions;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;
import dev.jfastai.tensor.internal.StoragePool;
import dev.jfastai.tensor.internal.access.TensorInternals;
import dev.jfastai.tensor.internal.kernels.ChannelReductions;
import dev.jfastai.tensor.internal.kernels.ConvGeometry;
import dev.jfastai.tensor.internal.kernels.ConvKernels;
import dev.jfastai.tensor.internal.kernels.PerChannel;

/**
 * 2-d convolution (cross-correlation, as PyTorch) of x [N, C, H, W] with w [OC, C/groups, kh, kw] plus an optional
 * bias [OC]: per group Y = W · col, col the im2col matrix of x (see ConvKernels). Backward, with G = dY:
 * dW = G · colᵀ, dx = fold(Wᵀ · G), db = sums of G over batch and pixels.
 */
public final class Conv2d extends BuiltInOp {
  private final Conv2dOptions options;
  private ConvGeometry geometry;
  private Tensor x;
  private Tensor w;
  /** The padded input the forward kept for the weight gradient (pooled storage), until backward uses it once. */
  private float[] keptInput;

  public Conv2d(Conv2dOptions options) {
    this.options = options;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    x = save(in[0]);
    w = save(in[1]);
    Tensor b = in.length > 2 ? in[2] : null;
    geometry = geometry(x.shape(), w.shape(), b == null ? null : b.shape(), options);
    ConvGeometry g = geometry;
    float[] y = StoragePool.take(g.batch() * g.outChannels() * g.outHeight() * g.outWidth());
    int keep = w.requiresGrad() && TensorInternals.isRecording(this) ? ConvKernels.keptInputLength(g) : 0;
    keptInput = keep > 0 ? StoragePool.take(keep) : null;
    ConvKernels.forward(g, x.array(), x.arrayOffset(), w.array(), w.arrayOffset(),
        b == null ? null : b.array(), b == null ? 0 : b.arrayOffset(), y, keptInput);
    return Tensor.wrap(y, g.batch(), g.outChannels(), g.outHeight(), g.outWidth());
  }

  /** dx, dW and db are each written in full into an array of their own. */
  @Override
  protected boolean returnsFreshGradients() {
    return true;
  }

  @Override
  protected Tensor[] backward(Tensor gradOutput) {
    float[] dx = needsInputGrad(0) ? gradientBuffer(0, x.numel()) : null;
    float[] dw = needsInputGrad(1) ? gradientBuffer(1, w.numel()) : null;
    float[] db = needsInputGrad(2) ? gradientBuffer(2, geometry.outChannels()) : null;
    float[] dy = gradOutput.array();
    ConvKernels.backward(geometry, x.array(), x.arrayOffset(), w.array(), w.arrayOffset(), dy,
        gradOutput.arrayOffset(), dx, dw, dw == null ? null : keptInput);
    if (keptInput != null) { // used once: a second backward (retainGraph) pads x again
      StoragePool.release(keptInput);
      keptInput = null;
    }
    if (db != null) {
      // db[oc]: dy summed over images and pixels, in double
      int plane = geometry.outHeight() * geometry.outWidth();
      int channels = geometry.outChannels();
      PerChannel.forEach(channels, (long) dy.length, o -> db[o] = (float) ChannelReductions.sum(dy,
          gradOutput.arrayOffset() + o * plane, plane, channels * plane, geometry.batch()));
    }
    return new Tensor[] {dx == null ? null : Tensor.wrap(dx, x.shape()), dw == null ? null : Tensor.wrap(dw, w.shape()),
        db == null ? null : Tensor.wrap(db, geometry.outChannels())};
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
