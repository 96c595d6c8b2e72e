package dev.jfastai.nn;

import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.util.Arrays;

/**
 * Weight initialisation, the counterparts of {@code torch.nn.init}: each method fills the tensor in place from the
 * given {@link Generator} and returns it. Bounds and standard deviations use PyTorch's formulas; the random numbers
 * themselves come from our generator, so they differ from torch's.
 */
public final class Init {
  private Init() {}

  /** Fills {@code t} with values uniform in [low, high). */
  public static Tensor uniform(Tensor t, double low, double high, Generator g) {
    if (!(low <= high)) throw new IllegalArgumentException("Init.uniform: low " + low + " > high " + high);
    float[] a = t.array();
    int off = t.arrayOffset();
    for (int i = 0, n = t.numel(); i < n; i++) a[off + i] = (float) (low + (high - low) * g.nextDouble());
    return t;
  }

  /** Fills {@code t} with normal values of the given mean and standard deviation. */
  public static Tensor normal(Tensor t, double mean, double std, Generator g) {
    if (!(std >= 0)) throw new IllegalArgumentException("Init.normal: std must be >= 0, got " + std);
    float[] a = t.array();
    int off = t.arrayOffset();
    for (int i = 0, n = t.numel(); i < n; i++) a[off + i] = (float) (mean + std * g.nextGaussian());
    return t;
  }

  /** Fills {@code t} with zeros. */
  public static Tensor zeros(Tensor t) {
    Arrays.fill(t.array(), t.arrayOffset(), t.arrayOffset() + t.numel(), 0f);
    return t;
  }

  /**
   * He/Kaiming uniform: U(-b, b) with b = gain * sqrt(3 / fan), gain = sqrt(2 / (1 + a^2)) (leaky ReLU with negative
   * slope {@code a}). PyTorch's Linear uses a = sqrt(5), FAN_IN, which gives b = 1 / sqrt(fan_in).
   */
  public static Tensor kaimingUniform(Tensor t, double a, FanMode mode, Generator g) {
    double bound = leakyReluGain(a) * Math.sqrt(3.0 / fan(t, mode));
    return uniform(t, -bound, bound, g);
  }

  /** Kaiming uniform for ReLU networks: a = 0, FAN_IN. */
  public static Tensor kaimingUniform(Tensor t, Generator g) {
    return kaimingUniform(t, 0, FanMode.FAN_IN, g);
  }

  /** He/Kaiming normal: N(0, std^2) with std = gain / sqrt(fan), gain as in {@link #kaimingUniform}. */
  public static Tensor kaimingNormal(Tensor t, double a, FanMode mode, Generator g) {
    return normal(t, 0, leakyReluGain(a) / Math.sqrt(fan(t, mode)), g);
  }

  /** Kaiming normal for ReLU networks: a = 0, FAN_IN. */
  public static Tensor kaimingNormal(Tensor t, Generator g) {
    return kaimingNormal(t, 0, FanMode.FAN_IN, g);
  }

  /** Glorot/Xavier uniform: U(-b, b) with b = gain * sqrt(6 / (fan_in + fan_out)). */
  public static Tensor xavierUniform(Tensor t, double gain, Generator g) {
    double bound = gain * Math.sqrt(6.0 / (fanIn(t) + fanOut(t)));
    return uniform(t, -bound, bound, g);
  }

  /** Xavier uniform with gain 1. */
  public static Tensor xavierUniform(Tensor t, Generator g) {
    return xavierUniform(t, 1, g);
  }

  /** Glorot/Xavier normal: N(0, std^2) with std = gain * sqrt(2 / (fan_in + fan_out)). */
  public static Tensor xavierNormal(Tensor t, double gain, Generator g) {
    return normal(t, 0, gain * Math.sqrt(2.0 / (fanIn(t) + fanOut(t))), g);
  }

  /** Xavier normal with gain 1. */
  public static Tensor xavierNormal(Tensor t, Generator g) {
    return xavierNormal(t, 1, g);
  }

  /** PyTorch's {@code calculate_gain('leaky_relu', a)}: sqrt(2 / (1 + a^2)); a = 0 is ReLU's sqrt(2). */
  public static double leakyReluGain(double a) {
    return Math.sqrt(2.0 / (1 + a * a));
  }

  /** Inputs per unit: size(1) times the receptive field (product of dims 2..), as PyTorch; needs >= 2 dims. */
  public static int fanIn(Tensor t) {
    int receptive = receptiveField(t); // checks the rank first
    return t.size(1) * receptive;
  }

  /** Outputs per unit: size(0) times the receptive field (product of dims 2..), as PyTorch; needs >= 2 dims. */
  public static int fanOut(Tensor t) {
    int receptive = receptiveField(t);
    return t.size(0) * receptive;
  }

  private static int receptiveField(Tensor t) {
    int[] shape = t.shape();
    if (shape.length < 2) {
      throw new IllegalArgumentException("Init: fan in and fan out need a tensor with at least 2 dimensions, got shape "
          + Arrays.toString(shape));
    }
    int r = 1;
    for (int i = 2; i < shape.length; i++) r *= shape[i];
    return r;
  }

  private static int fan(Tensor t, FanMode mode) {
    int fan = mode == FanMode.FAN_IN ? fanIn(t) : fanOut(t);
    if (fan == 0) throw new IllegalArgumentException("Init: cannot initialise a tensor with zero " + mode + ", shape "
        + Arrays.toString(t.shape()));
    return fan;
  }
}
