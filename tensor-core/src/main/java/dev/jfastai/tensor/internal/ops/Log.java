package dev.jfastai.tensor.internal.ops;

/** y = log(x); dy/dx = 1 / x. */
public final class Log extends ElementwiseUnary {
  public Log() {
    super(Saves.INPUT);
  }

  @Override
  void value(float[] x, int xi, float[] y) {
    for (int i = 0; i < y.length; i++) y[i] = (float) Math.log(x[xi + i]);
  }

  @Override
  void gradient(float[] x, int xi, float[] g, int gi, float[] dx) {
    for (int i = 0; i < dx.length; i++) dx[i] = g[gi + i] / x[xi + i];
  }
}
