package dev.jfastai.nn;

import dev.jfastai.tensor.NnFunctional;
import dev.jfastai.tensor.Pool2dOptions;
import dev.jfastai.tensor.Tensor;

/**
 * Average pooling over NCHW windows, PyTorch's {@code nn.AvgPool2d} (stride defaults to the kernel size, padding
 * 0, padded zeros counted unless {@code countIncludePad(false)}): {@code new AvgPool2d(2)} or
 * {@code new AvgPool2d(Pool2dOptions.builder(3).stride(1).padding(1).build())}.
 */
public final class AvgPool2d extends Pool2dLayer {
  /** A {@code kernel x kernel} window moved by {@code kernel}, without padding. */
  public AvgPool2d(int kernel) {
    this(Pool2dOptions.builder(kernel).build());
  }

  public AvgPool2d(Pool2dOptions options) {
    super(options, "");
  }

  @Override
  Tensor pool(Tensor input, Pool2dOptions options) {
    return NnFunctional.avgPool2d(input, options);
  }
}
