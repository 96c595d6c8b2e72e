package dev.jfastai.nn;

import dev.jfastai.tensor.Tensor;

/** Flattens dimensions {@code startDim..endDim} into one, by default all but the batch dimension (PyTorch's). */
public final class Flatten extends Module {
  private final int startDim;
  private final int endDim;

  /** Flattens dimensions 1..-1: [N, a, b, ...] becomes [N, a*b*...]. */
  public Flatten() {
    this(1, -1);
  }

  /** Flattens dimensions {@code startDim..endDim} (inclusive; negative counts from the end). */
  public Flatten(int startDim, int endDim) {
    this.startDim = startDim;
    this.endDim = endDim;
  }

  @Override
  public Tensor forward(Tensor input) {
    return input.flatten(startDim, endDim);
  }

  @Override
  protected String extraRepr() {
    return "start_dim=" + startDim + ", end_dim=" + endDim;
  }
}
