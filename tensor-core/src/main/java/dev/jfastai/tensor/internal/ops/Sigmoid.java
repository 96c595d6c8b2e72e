package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.kernels.UnaryOp;

/** sigmoid(x): the gradient is g * y * (1 - y) with y the saved output. */
public final class Sigmoid extends Function {
  private Tensor saved;

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor out = Elementwise.unary(UnaryOp.SIGMOID, in[0]);
    saved = out;
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
      out[i] = ga[go + i] * s[so + i] * (1f - s[so + i]);
    }
    return new Tensor[] {Tensor.wrap(out, g.shape())};
  }
}
