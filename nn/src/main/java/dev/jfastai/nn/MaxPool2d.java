package dev.jfastai.nn;

import dev.jfastai.tensor.NnFunctional;
import dev.jfastai.tensor.Pool2dOptions;
import dev.jfastai.tensor.Tensor;

/**
 * Max pooling over NCHW windows, PyTorch's {@code nn.MaxPool2d} (stride defaults to the kernel size, padding 0;
 * ties go to the first maximum): {@code new MaxPool2d(2)} or
 * {@code new MaxPool2d(Pool2dOptions.builder(3).stride(2).padding(1).build())}.
 */
public final class MaxPool2d extends Module {
  private final Pool2dOptions options;

  /** A {@code kernel x kernel} window moved by {@code kernel}, without padding. */
  public MaxPool2d(int kernel) {
    this(Pool2dOptions.builder(kernel).build());
  }

  public MaxPool2d(Pool2dOptions options) {
    if (!options.countIncludePad()) {
      throw new IllegalArgumentException("MaxPool2d: countIncludePad applies to average pooling only");
    }
    this.options = options;
  }

  public Pool2dOptions options() {
    return options;
  }

  /** Its output is a new tensor, and it keeps neither that nor its input. */
  @Override
  public boolean keepsActivations() {
    return false;
  }

  @Override
  public Tensor forward(Tensor input) {
    return NnFunctional.maxPool2d(input, options);
  }

  @Override
  protected String extraRepr() {
    return Pool2dRepr.of(options, false);
  }
}
