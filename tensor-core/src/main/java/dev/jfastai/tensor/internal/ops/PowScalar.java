package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Tensor;

/** x^p for a constant exponent: the gradient is g * p * x^(p-1). */
public final class PowScalar extends BuiltInOp {
  private final float exponent;
  private Tensor x;

  public PowScalar(float exponent) {
    this.exponent = exponent;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    x = save(in[0]);
    return map(x, exponent, 1f);
  }

  /** scale * x^p, elementwise. */
  private static Tensor map(Tensor t, float p, float scale) {
    float[] a = t.array();
    int ao = t.arrayOffset();
    float[] out = new float[t.numel()];
    if (p == 2f) {
      for (int i = 0; i < out.length; i++) out[i] = scale * a[ao + i] * a[ao + i];
    } else if (p == 1f) {
      for (int i = 0; i < out.length; i++) out[i] = scale * a[ao + i];
    } else if (p == 0f) {
      java.util.Arrays.fill(out, scale);
    } else {
      for (int i = 0; i < out.length; i++) out[i] = scale * (float) Math.pow(a[ao + i], p);
    }
    return Tensor.wrap(out, t.shape());
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {g.mul(map(x, exponent - 1f, exponent))};
  }
}
