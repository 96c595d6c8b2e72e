package dev.jfastai.nn;

import dev.jfastai.tensor.Tensor;

/** The hyperbolic tangent, element-wise. */
public final class Tanh extends Module {
  public Tanh() {
    // no parameters
  }

  @Override
  public Tensor forward(Tensor input) {
    return input.tanh();
  }
}
