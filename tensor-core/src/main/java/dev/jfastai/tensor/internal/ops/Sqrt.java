package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.internal.kernels.UnaryOp;

/** sqrt(x): the gradient is g / (2 y) with y the saved output. */
public final class Sqrt extends ElementwiseUnary {
  public Sqrt() {
    super(UnaryOp.SQRT, true);
  }

  @Override
  void gradient(float[] s, int so, float[] g, int go, float[] out) {
    for (int i = 0; i < out.length; i++) out[i] = g[go + i] / (2f * s[so + i]);
  }
}
