package dev.jfastai.nn;

import dev.jfastai.tensor.Tensor;

/** The logistic sigmoid, 1 / (1 + exp(-x)), element-wise. */
public final class Sigmoid extends Module {
  public Sigmoid() {
    // no parameters
  }

  /** Its output is a new tensor, and it keeps neither that nor its input. */
  @Override
  public boolean keepsActivations() {
    return false;
  }

  @Override
  public Tensor forward(Tensor input) {
    return input.sigmoid();
  }
}
