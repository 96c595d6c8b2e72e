package dev.jfastai.nn;

import dev.jfastai.tensor.Pool2dOptions;
import dev.jfastai.tensor.Tensor;

/** What max and average pooling layers share: their window, no kept activations, and PyTorch's repr of the window. */
abstract class Pool2dLayer extends Module {
  private final Pool2dOptions options;
  private final String fixedRepr;

  /** {@code fixedRepr}: the settings PyTorch's repr adds after the window (max pooling's dilation and ceil mode). */
  Pool2dLayer(Pool2dOptions options, String fixedRepr) {
    this.options = options;
    this.fixedRepr = fixedRepr;
  }

  /** The window: kernel, stride and padding per axis. */
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
    return pool(input, options);
  }

  abstract Tensor pool(Tensor input, Pool2dOptions options);

  /** PyTorch's repr: a single number when both axes agree, else a tuple. */
  @Override
  protected String extraRepr() {
    return "kernel_size=" + value(options.kernel()) + ", stride=" + value(options.stride()) + ", padding="
        + value(options.padding()) + fixedRepr;
  }

  private static String value(int[] v) {
    return v[0] == v[1] ? Integer.toString(v[0]) : "(" + v[0] + ", " + v[1] + ")";
  }
}
