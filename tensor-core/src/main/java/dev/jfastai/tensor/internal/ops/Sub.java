package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.kernels.BinaryOp;

/** a - b with broadcasting: d/da = 1, d/db = -1. */
public final class Sub extends BuiltInOp {
  private int[] aShape;
  private int[] bShape;

  @Override
  protected Tensor forward(Tensor... in) {
    aShape = in[0].shape();
    bShape = in[1].shape();
    return Elementwise.binary("sub", BinaryOp.SUB, in[0], in[1]);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {
        needsInputGrad(0) ? Elementwise.sumTo(g, aShape) : null,
        needsInputGrad(1) ? Elementwise.sumTo(g.neg(), bShape) : null};
  }
}
