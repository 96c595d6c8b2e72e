package dev.jfastai.tensor;

/**
 * The window of a 2-d max or average pooling, as {@code torch.nn.functional.max_pool2d}'s arguments: kernel size,
 * stride (by default the kernel size) and zero padding per axis (height, width), and for average pooling whether
 * padded zeros count in the divisor ({@code count_include_pad}, true by default as in PyTorch). Build with
 * {@code Pool2dOptions.builder(3).stride(2).padding(1).build()}.
 */
public final class Pool2dOptions {
  private final int[] kernel;
  private final int[] stride;
  private final int[] padding;
  private final boolean countIncludePad;

  private Pool2dOptions(Builder b) {
    this.kernel = b.kernel.clone();
    this.stride = b.stride == null ? b.kernel.clone() : b.stride.clone();
    this.padding = b.padding.clone();
    this.countIncludePad = b.countIncludePad;
    for (int axis = 0; axis < 2; axis++) {
      if (padding[axis] > kernel[axis] / 2) {
        throw new IllegalArgumentException("pool2d: padding " + padding[0] + "x" + padding[1]
            + " must be at most half the kernel " + kernel[0] + "x" + kernel[1]);
      }
    }
  }

  /** A square window {@code kernel x kernel}. */
  public static Builder builder(int kernel) {
    return builder(kernel, kernel);
  }

  public static Builder builder(int kernelHeight, int kernelWidth) {
    return new Builder(kernelHeight, kernelWidth);
  }

  /** Window size as {height, width} (a copy). */
  public int[] kernel() {
    return kernel.clone();
  }

  /** Step between windows as {height, width} (a copy). */
  public int[] stride() {
    return stride.clone();
  }

  /** Padding on each side as {height, width} (a copy). */
  public int[] padding() {
    return padding.clone();
  }

  /** Whether average pooling divides by the whole window, padded zeros included (PyTorch's default). */
  public boolean countIncludePad() {
    return countIncludePad;
  }

  @Override
  public String toString() {
    return "kernel=" + kernel[0] + "x" + kernel[1] + ", stride=" + stride[0] + "x" + stride[1]
        + ", padding=" + padding[0] + "x" + padding[1] + ", countIncludePad=" + countIncludePad;
  }

  /** Fluent settings of a {@link Pool2dOptions}; one int sets both axes. */
  public static final class Builder {
    private final int[] kernel;
    private int[] stride;
    private final int[] padding = {0, 0};
    private boolean countIncludePad = true;

    private Builder(int kernelHeight, int kernelWidth) {
      kernel = checked("kernel", kernelHeight, kernelWidth, 1);
    }

    public Builder stride(int both) {
      return stride(both, both);
    }

    public Builder stride(int height, int width) {
      stride = checked("stride", height, width, 1);
      return this;
    }

    public Builder padding(int both) {
      return padding(both, both);
    }

    public Builder padding(int height, int width) {
      int[] p = checked("padding", height, width, 0);
      padding[0] = p[0];
      padding[1] = p[1];
      return this;
    }

    public Builder countIncludePad(boolean include) {
      countIncludePad = include;
      return this;
    }

    public Pool2dOptions build() {
      return new Pool2dOptions(this);
    }

    private static int[] checked(String name, int height, int width, int min) {
      if (height < min || width < min) {
        throw new IllegalArgumentException("pool2d: " + name + " must be >= " + min + ", got " + height + "x" + width);
      }
      return new int[] {height, width};
    }
  }
}
