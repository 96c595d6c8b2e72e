package dev.jfastai.nn;

import dev.jfastai.tensor.NnFunctional;
import dev.jfastai.tensor.Tensor;

/**
 * Average pooling of NCHW inputs to a fixed output size whatever the input size, PyTorch's
 * {@code nn.AdaptiveAvgPool2d}; {@code new AdaptiveAvgPool2d(1)} is global average pooling.
 */
public final class AdaptiveAvgPool2d extends Module {
  private final int outHeight;
  private final int outWidth;

  /** Output {@code size x size}. */
  public AdaptiveAvgPool2d(int size) {
    this(size, size);
  }

  public AdaptiveAvgPool2d(int outHeight, int outWidth) {
    if (outHeight <= 0 || outWidth <= 0) {
      throw new IllegalArgumentException("AdaptiveAvgPool2d: output size must be positive, got " + outHeight + "x"
          + outWidth);
    }
    this.outHeight = outHeight;
    this.outWidth = outWidth;
  }

  /** Its output is a new tensor, and it keeps neither that nor its input. */
  @Override
  public boolean keepsActivations() {
    return false;
  }

  @Override
  public Tensor forward(Tensor input) {
    return NnFunctional.adaptiveAvgPool2d(input, outHeight, outWidth);
  }

  @Override
  protected String extraRepr() {
    return "output_size=" + (outHeight == outWidth ? Integer.toString(outHeight) : "(" + outHeight + ", " + outWidth
        + ")");
  }
}
