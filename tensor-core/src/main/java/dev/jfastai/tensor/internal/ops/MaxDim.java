package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;
import dev.jfastai.tensor.internal.kernels.Reductions;

/** Maximum over one dim; the gradient goes to the first position holding the maximum (as PyTorch's max(dim)). */
public final class MaxDim extends BuiltInOp {
  private final int dim;
  private final boolean keepDim;
  private int[] shape;
  private int[] argmax;

  public MaxDim(int dim, boolean keepDim) {
    this.dim = dim;
    this.keepDim = keepDim;
  }

  /** The positions of the maxima along the dim, once forward has run. */
  public int[] argmax() {
    return argmax;
  }

  /** Index of the first largest value along {@code dim}, as floats holding integers (no gradient). */
  public static Tensor argmax(Tensor x, int dim) {
    MaxDim op = new MaxDim(dim, false);
    Tensor values = op.forward(x);
    float[] out = new float[op.argmax.length];
    for (int i = 0; i < out.length; i++) out[i] = op.argmax[i];
    return Tensor.wrap(out, values.shape());
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    shape = x.shape();
    if (shape.length > 0 && shape[dim] == 0) {
      throw new IllegalArgumentException("max: dim " + dim + " of shape " + Shapes.str(shape) + " is empty");
    }
    int outer = Shapes.outer(shape, dim);
    int inner = Shapes.inner(shape, dim);
    float[] out = new float[outer * inner];
    argmax = new int[out.length];
    Reductions.maxDim(x.array(), x.arrayOffset(), outer, shape.length == 0 ? 1 : shape[dim], inner, out, argmax);
    return Tensor.wrap(out, shape.length == 0 ? shape : Shapes.reduced(shape, dim, keepDim));
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    int n = shape.length == 0 ? 1 : shape[dim];
    int inner = shape.length == 0 ? 1 : Shapes.inner(shape, dim);
    float[] ga = g.array();
    int go = g.arrayOffset();
    float[] out = new float[Shapes.numel(shape)];
    for (int r = 0; r < argmax.length; r++) {
      int o = r / inner;
      int i = r % inner;
      out[(o * n + argmax[r]) * inner + i] = ga[go + r];
    }
    return new Tensor[] {Tensor.wrap(out, shape)};
  }
}
