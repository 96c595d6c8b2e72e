package dev.jfastai.nn;

import dev.jfastai.tensor.Tensor;

/** The rectified linear unit, max(x, 0), element-wise. */
public final class ReLU extends Module {
  public ReLU() {
    // no parameters
  }

  /** Its output is a new tensor, and it keeps neither that nor its input. */
  @Override
  public boolean keepsActivations() {
    return false;
  }

  @Override
  public Tensor forward(Tensor input) {
    return input.relu();
  }
}
