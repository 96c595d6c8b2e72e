package dev.jfastai.tensor.internal.ops;

/** y = tanh(x); dy/dx = 1 - y^2, from the saved output. */
public final class Tanh extends ElementwiseUnary {
  public Tanh() {
    super(Saves.OUTPUT);
  }

  @Override
  void value(float[] x, int xi, float[] y) {
    for (int i = 0; i < y.length; i++) y[i] = (float) Math.tanh(x[xi + i]);
  }

  @Override
  void gradient(float[] y, int yi, float[] g, int gi, float[] dx) {
    for (int i = 0; i < dx.length; i++) dx[i] = g[gi + i] * (1f - y[yi + i] * y[yi + i]);
  }
}
