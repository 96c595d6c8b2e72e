package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.kernels.UnaryOp;

/** relu(x) = max(x, 0): the gradient passes where x > 0 (0 at x = 0, as PyTorch). */
public final class Relu extends Function {
  private Tensor saved;

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor out = Elementwise.unary(UnaryOp.RELU, in[0]);
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
      out[i] = s[so + i] > 0f ? ga[go + i] : 0f;
    }
    return new Tensor[] {Tensor.wrap(out, g.shape())};
  }
}
