package dev.jfastai.nn;

import dev.jfastai.tensor.NnFunctional;
import dev.jfastai.tensor.Pool2dOptions;
import dev.jfastai.tensor.Tensor;

/**
 * Max pooling over NCHW windows, PyTorch's {@code nn.MaxPool2d} (stride defaults to the kernel size, padding 0;
 * ties go to the first maximum): {@code new MaxPool2d(2)} or
 * {@code new MaxPool2d(Pool2dOptions.builder(3).stride(2).padding(1).build())}.
 */
public final class MaxPool2d extends Pool2dLayer {
  /** A {@code kernel x kernel} window moved by {@code kernel}, without padding. */
  public MaxPool2d(int kernel) {
    this(Pool2dOptions.builder(kernel).build());
  }

  public MaxPool2d(Pool2dOptions options) {
    super(options, ", dilation=1, ceil_mode=False");
    if (!options.countIncludePad()) {
      throw new IllegalArgumentException("MaxPool2d: countIncludePad applies to average pooling only");
    }
  }

  @Override
  Tensor pool(Tensor input, Pool2dOptions options) {
    return NnFunctional.maxPool2d(input, options);
  }
}
