package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.kernels.BinaryOp;

/** a * b with broadcasting: d/da = b, d/db = a. */
public final class Mul extends BuiltInOp {
  private Tensor a;
  private Tensor b;

  @Override
  protected Tensor forward(Tensor... in) {
    a = save(in[0]);
    b = save(in[1]);
    return Elementwise.binary("mul", BinaryOp.MUL, a, b);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {
        needsInputGrad(0) ? Elementwise.sumTo(g.mul(b), a.shape()) : null,
        needsInputGrad(1) ? Elementwise.sumTo(g.mul(a), b.shape()) : null};
  }
}
