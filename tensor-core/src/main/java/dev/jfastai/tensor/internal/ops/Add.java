package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.kernels.BinaryOp;

/** a + b with broadcasting; the gradient flows unchanged to both, summed over broadcast dims. */
public final class Add extends BuiltInOp {
  private int[] aShape;
  private int[] bShape;

  @Override
  protected Tensor forward(Tensor... in) {
    aShape = in[0].shape();
    bShape = in[1].shape();
    return Elementwise.binary("add", BinaryOp.ADD, in[0], in[1]);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {
        needsInputGrad(0) ? Elementwise.sumTo(g, aShape) : null,
        needsInputGrad(1) ? Elementwise.sumTo(g, bShape) : null};
  }
}
