package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.internal.kernels.UnaryOp;

/** |x|: the gradient is g * sign(x) (0 at x = 0, as PyTorch). */
public final class Abs extends ElementwiseUnary {
  public Abs() {
    super(UnaryOp.ABS, false);
  }

  @Override
  void gradient(float[] s, int so, float[] g, int go, float[] out) {
    for (int i = 0; i < out.length; i++) out[i] = g[go + i] * Math.signum(s[so + i]);
  }
}
