package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.internal.kernels.UnaryOp;

/** exp(x): the gradient is g * exp(x), reusing the saved output. */
public final class Exp extends ElementwiseUnary {
  public Exp() {
    super(UnaryOp.EXP, true);
  }

  @Override
  void gradient(float[] s, int so, float[] g, int go, float[] out) {
    for (int i = 0; i < out.length; i++) out[i] = g[go + i] * s[so + i];
  }
}
