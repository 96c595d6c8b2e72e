package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Tensor;

/** clamp(x, min, max): the gradient passes where min <= x <= max, as in PyTorch. */
public final class Clamp extends BuiltInOp {
  private final float min;
  private final float max;
  private Tensor x;

  public Clamp(float min, float max) {
    if (min > max) throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
    this.min = min;
    this.max = max;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    x = save(in[0]);
    float[] a = x.array();
    int ao = x.arrayOffset();
    float[] out = new float[x.numel()];
    for (int i = 0; i < out.length; i++) out[i] = Math.min(Math.max(a[ao + i], min), max);
    return Tensor.wrap(out, x.shape());
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    float[] a = x.array();
    int ao = x.arrayOffset();
    float[] ga = g.array();
    int go = g.arrayOffset();
    float[] out = new float[g.numel()];
    for (int i = 0; i < out.length; i++) {
      float v = a[ao + i];
      out[i] = v >= min && v <= max ? ga[go + i] : 0f;
    }
    return new Tensor[] {Tensor.wrap(out, g.shape())};
  }
}
