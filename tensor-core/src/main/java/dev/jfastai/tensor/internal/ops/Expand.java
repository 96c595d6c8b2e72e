package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;
import dev.jfastai.tensor.internal.kernels.BinaryKernels;
import dev.jfastai.tensor.internal.kernels.BinaryOp;

/** Broadcasts to a larger shape (materialised); the gradient is summed back over the broadcast dims. */
public final class Expand extends Function {
  private final int[] target;
  private int[] shape;

  public Expand(int[] target) {
    this.target = target.clone();
  }

  /** Resolves -1 entries (keep that size, as PyTorch) of a target shape against the input's shape. */
  public static int[] resolve(int[] shape, int[] target) {
    int[] out = target.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] != -1) continue;
      int j = i - (out.length - shape.length);
      if (j < 0) {
        throw new IllegalArgumentException("expand: -1 is not allowed in the new leading dim " + i + " of "
            + Shapes.str(target));
      }
      out[i] = shape[j];
    }
    return out;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    shape = x.shape();
    int[] outShape = Shapes.broadcast("expand", shape, target);
    if (!java.util.Arrays.equals(outShape, target)) {
      throw new IllegalArgumentException("expand: shape " + Shapes.str(shape) + " cannot be expanded to "
          + Shapes.str(target));
    }
    float[] out = new float[Shapes.numel(target)];
    float[] zero = {0f};
    BinaryKernels.apply(BinaryOp.ADD, x.array(), x.arrayOffset(), shape, zero, 0, new int[0], out, 0, target);
    return Tensor.wrap(out, target);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {Elementwise.sumTo(g, shape)};
  }
}
