package dev.jfastai.tensor.internal.ops;

/** y = sqrt(x); dy/dx = 1 / (2 y), from the saved output. */
public final class Sqrt extends ElementwiseUnary {
  public Sqrt() {
    super(Saves.OUTPUT);
  }

  @Override
  void value(float[] x, int xi, float[] y) {
    for (int i = 0; i < y.length; i++) y[i] = (float) Math.sqrt(x[xi + i]);
  }

  @Override
  void gradient(float[] y, int yi, float[] g, int gi, float[] dx) {
    for (int i = 0; i < dx.length; i++) dx[i] = g[gi + i] / (2f * y[yi + i]);
  }
}
