package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.kernels.Reductions;

/** Sum of all elements to a rank-0 tensor; the gradient broadcasts back to every element. */
public final class SumAll extends BuiltInOp {
  private int[] shape;

  @Override
  protected Tensor forward(Tensor... in) {
    shape = in[0].shape();
    return Tensor.scalar((float) Reductions.sumAll(in[0].array(), in[0].arrayOffset(), in[0].numel()));
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {Tensor.full(g.item(), shape)};
  }
}
