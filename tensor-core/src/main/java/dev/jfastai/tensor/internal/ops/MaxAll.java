package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;

/** Largest element (rank 0); the gradient is shared evenly by all tied maxima, as PyTorch's {@code max()}. */
public final class MaxAll extends Function {
  private Tensor x;
  private float max;

  @Override
  protected Tensor forward(Tensor... in) {
    x = in[0];
    if (x.numel() == 0) throw new IllegalArgumentException("max: the tensor of shape " + Shapes.str(x.shape())
        + " is empty");
    float[] a = x.array();
    int ao = x.arrayOffset();
    max = a[ao];
    for (int i = 1; i < x.numel() && !Float.isNaN(max); i++) {
      float v = a[ao + i];
      if (v > max || Float.isNaN(v)) max = v;
    }
    return Tensor.scalar(max);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    float[] a = x.array();
    int ao = x.arrayOffset();
    int ties = 0;
    for (int i = 0; i < x.numel(); i++) if (Float.compare(a[ao + i], max) == 0) ties++;
    float share = g.item() / ties;
    float[] out = new float[x.numel()];
    for (int i = 0; i < out.length; i++) if (Float.compare(a[ao + i], max) == 0) out[i] = share;
    return new Tensor[] {Tensor.wrap(out, x.shape())};
  }
}
