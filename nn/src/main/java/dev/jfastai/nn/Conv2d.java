package dev.jfastai.nn;

import dev.jfastai.nn.internal.Seeds;
import dev.jfastai.tensor.Conv2dOptions;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.NnFunctional;
import dev.jfastai.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A 2-d convolution over NCHW inputs, PyTorch's {@code nn.Conv2d} (zero padding): weight
 * {@code [out, in / groups, kh, kw]} initialised kaiming-uniform(a = sqrt(5)), bias {@code [out]} uniform in
 * +-1/sqrt(fan_in). {@code Conv2d.builder(1, 8, 3).stride(2).padding(1).build()}; defaults as PyTorch's: stride 1,
 * padding 0, dilation 1, groups 1, with bias.
 */
public final class Conv2d extends Module {
  private final int inChannels;
  private final int outChannels;
  private final int[] kernel;
  private final Conv2dOptions options;
  private final Tensor weight;
  private final Tensor bias;

  private Conv2d(Builder b) {
    this.inChannels = b.inChannels;
    this.outChannels = b.outChannels;
    this.kernel = new int[] {b.kernelHeight, b.kernelWidth};
    this.options = Conv2dOptions.builder().stride(b.stride[0], b.stride[1]).padding(b.padding[0], b.padding[1])
        .dilation(b.dilation[0], b.dilation[1]).groups(b.groups).build();
    Generator g = b.generator != null ? b.generator : Seeds.freshGenerator();
    Tensor w = Tensor.zeros(outChannels, inChannels / b.groups, kernel[0], kernel[1]);
    this.weight = registerParameter("weight", Init.kaimingUniform(w, Math.sqrt(5), FanMode.FAN_IN, g));
    if (b.bias) {
      double bound = 1 / Math.sqrt(Init.fanIn(weight));
      this.bias = registerParameter("bias", Init.uniform(Tensor.zeros(outChannels), -bound, bound, g));
    } else {
      this.bias = null;
    }
  }

  /** A convolution with a square {@code kernel x kernel} kernel. */
  public static Builder builder(int inChannels, int outChannels, int kernel) {
    return new Builder(inChannels, outChannels, kernel, kernel);
  }

  /** A convolution with a {@code kernelHeight x kernelWidth} kernel. */
  public static Builder builder(int inChannels, int outChannels, int kernelHeight, int kernelWidth) {
    return new Builder(inChannels, outChannels, kernelHeight, kernelWidth);
  }

  /** The live weight, {@code [out, in / groups, kh, kw]}. */
  public Tensor weight() {
    return weight;
  }

  /** Whether this layer adds a bias. */
  public boolean hasBias() {
    return bias != null;
  }

  /** The live bias {@code [out]}, empty if the layer was built with {@code bias(false)}. */
  public Optional<Tensor> bias() {
    return Optional.ofNullable(bias);
  }

  public int inChannels() {
    return inChannels;
  }

  public int outChannels() {
    return outChannels;
  }

  /** The convolution's stride, padding, dilation and groups. */
  public Conv2dOptions options() {
    return options;
  }

  /** Its output is a new tensor, and it keeps neither that nor its input. */
  @Override
  public boolean keepsActivations() {
    return false;
  }

  @Override
  public Tensor forward(Tensor input) {
    int[] s = input.shape();
    if (s.length != 4 || s[1] != inChannels) {
      throw new IllegalArgumentException(reprHead() + ": expected input [N, " + inChannels + ", H, W], got "
          + Arrays.toString(s));
    }
    return bias == null ? NnFunctional.conv2d(input, weight, options)
        : NnFunctional.conv2d(input, weight, bias, options);
  }

  private String reprHead() {
    return "Conv2d(" + inChannels + ", " + outChannels + ")";
  }

  @Override
  protected String extraRepr() {
    StringBuilder s = new StringBuilder().append(inChannels).append(", ").append(outChannels)
        .append(", kernel_size=").append(pair(kernel)).append(", stride=").append(pair(options.stride()));
    if (!Arrays.equals(options.padding(), new int[] {0, 0})) s.append(", padding=").append(pair(options.padding()));
    if (!Arrays.equals(options.dilation(), new int[] {1, 1})) {
      s.append(", dilation=").append(pair(options.dilation()));
    }
    if (options.groups() != 1) s.append(", groups=").append(options.groups());
    if (bias == null) s.append(", bias=False");
    return s.toString();
  }

  private static String pair(int[] v) {
    return "(" + v[0] + ", " + v[1] + ")";
  }

  /** Configures a {@link Conv2d}; one int sets both axes, as in PyTorch. */
  public static final class Builder {
    private final int inChannels;
    private final int outChannels;
    private final int kernelHeight;
    private final int kernelWidth;
    private int[] stride = {1, 1};
    private int[] padding = {0, 0};
    private int[] dilation = {1, 1};
    private int groups = 1;
    private boolean bias = true;
    private Generator generator;

    private Builder(int inChannels, int outChannels, int kernelHeight, int kernelWidth) {
      if (inChannels <= 0 || outChannels <= 0 || kernelHeight <= 0 || kernelWidth <= 0) {
        throw new IllegalArgumentException("Conv2d: channels and kernel size must be positive, got in=" + inChannels
            + ", out=" + outChannels + ", kernel=" + kernelHeight + "x" + kernelWidth);
      }
      this.inChannels = inChannels;
      this.outChannels = outChannels;
      this.kernelHeight = kernelHeight;
      this.kernelWidth = kernelWidth;
    }

    public Builder stride(int both) {
      return stride(both, both);
    }

    public Builder stride(int height, int width) {
      this.stride = positive("stride", height, width, 1);
      return this;
    }

    public Builder padding(int both) {
      return padding(both, both);
    }

    public Builder padding(int height, int width) {
      this.padding = positive("padding", height, width, 0);
      return this;
    }

    public Builder dilation(int both) {
      return dilation(both, both);
    }

    public Builder dilation(int height, int width) {
      this.dilation = positive("dilation", height, width, 1);
      return this;
    }

    /** Splits the channels into {@code groups} independent convolutions; both channel counts must divide. */
    public Builder groups(int groups) {
      if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
        throw new IllegalArgumentException("Conv2d: groups must be positive and divide in_channels=" + inChannels
            + " and out_channels=" + outChannels + ", got " + groups);
      }
      this.groups = groups;
      return this;
    }

    /** Whether to add a learnable bias (PyTorch's default: true). */
    public Builder bias(boolean bias) {
      this.bias = bias;
      return this;
    }

    /** Initialises the weights from {@code generator}: the same seed gives the same layer. */
    public Builder generator(Generator generator) {
      this.generator = Objects.requireNonNull(generator, "generator");
      return this;
    }

    public Conv2d build() {
      return new Conv2d(this);
    }

    private static int[] positive(String what, int height, int width, int min) {
      if (height < min || width < min) {
        throw new IllegalArgumentException("Conv2d: " + what + " must be >= " + min + ", got (" + height + ", "
            + width + ")");
      }
      return new int[] {height, width};
    }
  }
}
