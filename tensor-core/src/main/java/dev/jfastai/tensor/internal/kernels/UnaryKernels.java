package dev.jfastai.tensor.internal.kernels;

/**
 * Elementwise unary loops worth sharing: a Vector API fast path ({@link VectorElementwise}) with a scalar fallback
 * giving the same bits. The ops' other loops are one line each and live in their op's class.
 */
public final class UnaryKernels {
  /** Bits of +infinity: the largest float bit pattern that is a number above 0 (NaNs lie above it). */
  private static final int POSITIVE_INFINITY_BITS = 0x7f800000;

  private UnaryKernels() {}

  /** {@code o[oi+i] = max(x[xi+i], 0)} with Math.max's rules (NaN stays NaN, -0 gives 0). */
  public static void relu(float[] x, int xi, float[] o, int oi, int n) {
    if (Gemm.VECTOR) {
      VectorElementwise.relu(x, xi, o, oi, n);
      return;
    }
    for (int i = 0; i < n; i++) o[oi + i] = Math.max(x[xi + i], 0f);
  }

  /**
   * Relu's input gradient: {@code o[oi+i] = g[gi+i]} where the saved input {@code s[si+i] > 0}, else 0 (also for -0
   * and NaN inputs, as PyTorch).
   */
  public static void reluGradient(float[] s, int si, float[] g, int gi, float[] o, int oi, int n) {
    if (Gemm.VECTOR) {
      VectorElementwise.reluGradient(s, si, g, gi, o, oi, n);
      return;
    }
    // Branch-free: the sign of s is a coin toss, so `s > 0 ? g : 0` mispredicted half the time (4x slower).
    for (int i = 0; i < n; i++) {
      o[oi + i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[gi + i]) & positiveMask(s[si + i]));
    }
  }

  /**
   * All ones when {@code x > 0}, else 0 (for -0, negatives and every NaN): x > 0 exactly when its bits, read as an
   * int, lie in [1, bits of +inf], i.e. when neither {@code bits - 1} nor {@code infBits - bits} is negative.
   */
  private static int positiveMask(float x) {
    int bits = Float.floatToRawIntBits(x);
    return ~(((bits - 1) | (POSITIVE_INFINITY_BITS - bits)) >> 31);
  }
}
