package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;
import dev.jfastai.tensor.internal.kernels.Reductions;

/** Sum over one dim; the gradient is broadcast back along it. */
public final class SumDim extends BuiltInOp {
  private final int dim;
  private final boolean keepDim;
  private int[] shape;

  public SumDim(int dim, boolean keepDim) {
    this.dim = dim;
    this.keepDim = keepDim;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    shape = x.shape();
    int outer = Shapes.outer(shape, dim);
    int inner = Shapes.inner(shape, dim);
    float[] out = new float[outer * inner];
    Reductions.sumDim(x.array(), x.arrayOffset(), outer, shape[dim], inner, out);
    return Tensor.wrap(out, Shapes.reduced(shape, dim, keepDim));
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {g.reshape(Shapes.reduced(shape, dim, true)).expand(shape)};
  }
}
