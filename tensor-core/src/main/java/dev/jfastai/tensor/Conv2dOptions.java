package dev.jfastai.tensor;

/**
 * The settings of a 2-d convolution beside its weight, as {@code torch.nn.functional.conv2d}'s keyword arguments:
 * stride, padding and dilation per axis (height, width) and groups. Build with
 * {@code Conv2dOptions.builder().stride(2).padding(1).build()}; the defaults are stride 1, padding 0, dilation 1,
 * groups 1.
 */
public final class Conv2dOptions {
  /** Stride 1, padding 0, dilation 1, groups 1. */
  public static final Conv2dOptions DEFAULTS = builder().build();

  private final int[] stride;
  private final int[] padding;
  private final int[] dilation;
  private final int groups;

  private Conv2dOptions(Builder b) {
    this.stride = b.stride.clone();
    this.padding = b.padding.clone();
    this.dilation = b.dilation.clone();
    this.groups = b.groups;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Stride as {height, width} (a copy). */
  public int[] stride() {
    return stride.clone();
  }

  /** Zero padding on each side as {height, width} (a copy). */
  public int[] padding() {
    return padding.clone();
  }

  /** Spacing between kernel taps as {height, width} (a copy). */
  public int[] dilation() {
    return dilation.clone();
  }

  public int groups() {
    return groups;
  }

  @Override
  public String toString() {
    return "stride=" + stride[0] + "x" + stride[1] + ", padding=" + padding[0] + "x" + padding[1]
        + ", dilation=" + dilation[0] + "x" + dilation[1] + ", groups=" + groups;
  }

  /** Fluent settings of a {@link Conv2dOptions}; one int sets both axes. */
  public static final class Builder {
    private final int[] stride = {1, 1};
    private final int[] padding = {0, 0};
    private final int[] dilation = {1, 1};
    private int groups = 1;

    private Builder() {}

    public Builder stride(int both) {
      return stride(both, both);
    }

    public Builder stride(int height, int width) {
      return set("stride", stride, height, width, 1);
    }

    public Builder padding(int both) {
      return padding(both, both);
    }

    public Builder padding(int height, int width) {
      return set("padding", padding, height, width, 0);
    }

    public Builder dilation(int both) {
      return dilation(both, both);
    }

    public Builder dilation(int height, int width) {
      return set("dilation", dilation, height, width, 1);
    }

    public Builder groups(int groups) {
      if (groups < 1) throw new IllegalArgumentException("conv2d: groups must be >= 1, got " + groups);
      this.groups = groups;
      return this;
    }

    public Conv2dOptions build() {
      return new Conv2dOptions(this);
    }

    private Builder set(String name, int[] target, int height, int width, int min) {
      if (height < min || width < min) {
        throw new IllegalArgumentException("conv2d: " + name + " must be >= " + min + ", got " + height + "x" + width);
      }
      target[0] = height;
      target[1] = width;
      return this;
    }
  }
}
