package dev.jfastai.tensor.internal.ops;

/** y = |x|; dy/dx = sign(x), 0 at x = 0 as in PyTorch. */
public final class Abs extends ElementwiseUnary {
  public Abs() {
    super(Saves.INPUT);
  }

  @Override
  void value(float[] x, int xi, float[] y) {
    for (int i = 0; i < y.length; i++) y[i] = Math.abs(x[xi + i]);
  }

  @Override
  void gradient(float[] x, int xi, float[] g, int gi, float[] dx) {
    for (int i = 0; i < dx.length; i++) dx[i] = g[gi + i] * Math.signum(x[xi + i]);
  }
}
