package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.internal.kernels.UnaryOp;

/** log(x): the gradient is g / x. */
public final class Log extends ElementwiseUnary {
  public Log() {
    super(UnaryOp.LOG, false);
  }

  @Override
  void gradient(float[] s, int so, float[] g, int go, float[] out) {
    for (int i = 0; i < out.length; i++) out[i] = g[go + i] / s[so + i];
  }
}
