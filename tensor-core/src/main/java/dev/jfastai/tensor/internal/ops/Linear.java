package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;
import dev.jfastai.tensor.internal.StoragePool;
import dev.jfastai.tensor.internal.kernels.Gemm;
import dev.jfastai.tensor.internal.kernels.Reductions;

/**
 * The fused affine map x·Wᵀ + b of a linear layer (x [..., in], W [out, in], b [out] or absent): one GEMM reading W
 * transposed in place, no copy of Wᵀ. Backward: dx = g·W, dW = gᵀ·x, db = column sums of g.
 */
public final class Linear extends Function {
  private Tensor x;
  private Tensor w;
  private int rows;
  private int in;
  private int out;

  @Override
  protected Tensor forward(Tensor... inputs) {
    x = inputs[0];
    w = inputs[1];
    Tensor b = inputs.length > 2 ? inputs[2] : null;
    int[] xs = x.shape();
    int[] ws = w.shape();
    if (ws.length != 2 || xs.length == 0 || xs[xs.length - 1] != ws[1]) {
      throw new IllegalArgumentException("linear: input " + Shapes.str(xs) + " and weight " + Shapes.str(ws)
          + " do not match (weight must be [out, in] with in = the input's last size)");
    }
    in = ws[1];
    out = ws[0];
    if (b != null && (b.dim() != 1 || b.size(0) != out)) {
      throw new IllegalArgumentException("linear: bias " + Shapes.str(b.shape()) + " does not match weight "
          + Shapes.str(ws));
    }
    rows = x.numel() / Math.max(in, 1);
    int[] yShape = xs.clone();
    yShape[yShape.length - 1] = out;
    float[] y = StoragePool.take(Shapes.numel(yShape)); // every element is written: the bias then the product
    if (b != null) {
      for (int r = 0; r < rows; r++) System.arraycopy(b.array(), b.arrayOffset(), y, r * out, out);
    }
    Gemm.gemm(false, true, rows, out, in, x.array(), x.arrayOffset(), w.array(), w.arrayOffset(), y, 0, b != null);
    return Tensor.wrap(y, yShape);
  }

  /** dx, dW and db are each written in full into an array of their own (see gradientBuffer). */
  @Override
  protected boolean returnsFreshGradients() {
    return true;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor gx = null;
    Tensor gw = null;
    Tensor gb = null;
    if (needsInputGrad(0)) {
      float[] d = gradientBuffer(0, rows * in);
      Gemm.gemm(false, false, rows, in, out, g.array(), g.arrayOffset(), w.array(), w.arrayOffset(), d, 0, false);
      gx = Tensor.wrap(d, x.shape());
    }
    if (needsInputGrad(1)) {
      float[] d = gradientBuffer(1, out * in);
      Gemm.gemm(true, false, out, in, rows, g.array(), g.arrayOffset(), x.array(), x.arrayOffset(), d, 0, false);
      gw = Tensor.wrap(d, w.shape());
    }
    if (needsInputGrad(2)) {
      float[] d = gradientBuffer(2, out);
      Reductions.sumDim(g.array(), g.arrayOffset(), 1, rows, out, d);
      gb = Tensor.wrap(d, out);
    }
    return new Tensor[] {gx, gw, gb};
  }
}
