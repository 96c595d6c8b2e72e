package dev.jfastai.nn;

import dev.jfastai.tensor.Tensor;

/** The rectified linear unit, max(x, 0), element-wise. */
public final class ReLU extends Module {
  public ReLU() {
    // no parameters
  }

  @Override
  public Tensor forward(Tensor input) {
    return input.relu();
  }
}
