package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.kernels.BinaryOp;

/** a / b with broadcasting: d/da = 1/b, d/db = -a/b^2. */
public final class Div extends BuiltInOp {
  private Tensor a;
  private Tensor b;

  @Override
  protected Tensor forward(Tensor... in) {
    a = save(in[0]);
    b = save(in[1]);
    return Elementwise.binary("div", BinaryOp.DIV, a, b);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor gOverB = g.div(b);
    return new Tensor[] {
        needsInputGrad(0) ? Elementwise.sumTo(gOverB, a.shape()) : null,
        needsInputGrad(1) ? Elementwise.sumTo(gOverB.mul(a).div(b).neg(), b.shape()) : null};
  }
}
