package dev.jfastai.tensor.internal.ops;

/** y = exp(x); dy/dx = exp(x) = y, so backward multiplies by the saved output. */
public final class Exp extends ElementwiseUnary {
  public Exp() {
    super(Saves.OUTPUT);
  }

  @Override
  void value(float[] x, int xi, float[] y) {
    for (int i = 0; i < y.length; i++) y[i] = (float) Math.exp(x[xi + i]);
  }

  @Override
  void gradient(float[] y, int yi, float[] g, int gi, float[] dx) {
    for (int i = 0; i < dx.length; i++) dx[i] = g[gi + i] * y[yi + i];
  }
}
