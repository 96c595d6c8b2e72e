package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.internal.kernels.UnaryOp;

/** sigmoid(x): the gradient is g * y * (1 - y) with y the saved output. */
public final class Sigmoid extends ElementwiseUnary {
  public Sigmoid() {
    super(UnaryOp.SIGMOID, true);
  }

  @Override
  void gradient(float[] s, int so, float[] g, int go, float[] out) {
    for (int i = 0; i < out.length; i++) out[i] = g[go + i] * s[so + i] * (1f - s[so + i]);
  }
}
