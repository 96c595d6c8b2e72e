package dev.jfastai.tensor.internal.ops;

/** y = 1 / (1 + exp(-x)); dy/dx = y (1 - y), from the saved output. */
public final class Sigmoid extends ElementwiseUnary {
  public Sigmoid() {
    super(Saves.OUTPUT);
  }

  @Override
  void value(float[] x, int xi, float[] y) {
    for (int i = 0; i < y.length; i++) y[i] = sigmoid(x[xi + i]);
  }

  @Override
  void gradient(float[] y, int yi, float[] g, int gi, float[] dx) {
    for (int i = 0; i < dx.length; i++) dx[i] = g[gi + i] * y[yi + i] * (1f - y[yi + i]);
  }

  /** The logistic function, stable for large |v| (exp never overflows). */
  static float sigmoid(float v) {
    if (v >= 0) return (float) (1.0 / (1.0 + Math.exp(-v)));
    double e = Math.exp(v);
    return (float) (e / (1.0 + e));
  }
}
