package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.internal.kernels.UnaryKernels;

/**
 * y = max(x, 0); dy/dx = 1 where x > 0, else 0 (also at x = 0, as PyTorch). Both loops run on whole activations
 * in every training step, so they call the shared kernels (Vector API when available, scalar loops otherwise).
 */
public final class Relu extends ElementwiseUnary {
  public Relu() {
    super(Saves.INPUT);
  }

  @Override
  void value(float[] x, int xi, float[] y) {
    UnaryKernels.relu(x, xi, y, 0, y.length);
  }

  @Override
  void gradient(float[] x, int xi, float[] g, int gi, float[] dx) {
    UnaryKernels.reluGradient(x, xi, g, gi, dx, 0, dx.length);
  }
}
