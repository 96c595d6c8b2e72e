package dev.jfastai.nn;

import dev.jfastai.tensor.Tensor;

/** The hyperbolic tangent, element-wise. */
public final class Tanh extends Module {
  @Override
  public Tensor forward(Tensor input) {
    return input.tanh();
  }
}
