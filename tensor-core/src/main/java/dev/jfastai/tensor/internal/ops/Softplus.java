package dev.jfastai.tensor.internal.ops;

/**
 * y = log(1 + exp(x)), and y = x above 20 as PyTorch's {@code F.softplus} (its default threshold); dy/dx = sigmoid(x)
 * (1 above 20), from the saved input.
 */
public final class Softplus extends ElementwiseUnary {
  private static final float THRESHOLD = 20f;

  public Softplus() {
    super(Saves.INPUT);
  }

  @Override
  void value(float[] x, int xi, float[] y) {
    for (int i = 0; i < y.length; i++) {
      float v = x[xi + i];
      y[i] = v > THRESHOLD ? v : (float) Math.log1p(Math.exp(v));
    }
  }

  @Override
  void gradient(float[] x, int xi, float[] g, int gi, float[] dx) {
    for (int i = 0; i < dx.length; i++) {
      float v = x[xi + i];
      dx[i] = v > THRESHOLD ? g[gi + i] : g[gi + i] * Sigmoid.sigmoid(v);
    }
  }
}
