package dev.jfastai.tensor.internal.ops;

/** y = -x; dy/dx = -1, so backward needs nothing saved. */
public final class Neg extends ElementwiseUnary {
  public Neg() {
    super(Saves.NOTHING);
  }

  @Override
  void value(float[] x, int xi, float[] y) {
    for (int i = 0; i < y.length; i++) y[i] = -x[xi + i];
  }

  @Override
  void gradient(float[] unused, int ui, float[] g, int gi, float[] dx) {
    for (int i = 0; i < dx.length; i++) dx[i] = -g[gi + i];
  }
}
