package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.internal.kernels.UnaryKernels;
import dev.jfastai.tensor.internal.kernels.UnaryOp;

/** relu(x) = max(x, 0): the gradient passes where x > 0 (0 at x = 0, as PyTorch). */
public final class Relu extends ElementwiseUnary {
  public Relu() {
    super(UnaryOp.RELU, false);
  }

  @Override
  void gradient(float[] s, int so, float[] g, int go, float[] out) {
    UnaryKernels.reluGradient(s, so, g, go, out, 0, out.length);
  }
}
