package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.kernels.UnaryOp;

/** -x: the gradient is -g. */
public final class Neg extends Function {
  @Override
  protected Tensor forward(Tensor... in) {
    return Elementwise.unary(UnaryOp.NEG, in[0]);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {Elementwise.unary(UnaryOp.NEG, g)};
  }
}
