package dev.jfastai.nn;

import dev.jfastai.tensor.Tensor;

/** The hyperbolic tangent, element-wise. */
public final class Tanh extends Module {
  public Tanh() {
    // no parameters
  }

  /** Its output is a new tensor, and it keeps neither that nor its input. */
  @Override
  public boolean keepsActivations() {
    return false;
  }

  @Override
  public Tensor forward(Tensor input) {
    return input.tanh();
  }
}
