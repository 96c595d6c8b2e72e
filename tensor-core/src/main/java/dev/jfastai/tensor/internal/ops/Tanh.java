package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.internal.kernels.UnaryOp;

/** tanh(x): the gradient is g * (1 - y^2) with y the saved output. */
public final class Tanh extends ElementwiseUnary {
  public Tanh() {
    super(UnaryOp.TANH, true);
  }

  @Override
  void gradient(float[] s, int so, float[] g, int go, float[] out) {
    for (int i = 0; i < out.length; i++) out[i] = g[go + i] * (1f - s[so + i] * s[so + i]);
  }
}
