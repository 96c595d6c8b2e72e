package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.kernels.UnaryOp;

/** |x|: the gradient is g * sign(x) (0 at x = 0, as PyTorch). */
public final class Abs extends Function {
  private Tensor saved;

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor out = Elementwise.unary(UnaryOp.ABS, in[0]);
    saved = in[0];
    return out;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    float[] s = saved.array();
    int so = saved.arrayOffset();
    float[] ga = g.array();
    int go = g.arrayOffset();
    float[] out = new float[g.numel()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ga[go + i] * Math.signum(s[so + i]);
    }
    return new Tensor[] {Tensor.wrap(out, g.shape())};
  }
}
