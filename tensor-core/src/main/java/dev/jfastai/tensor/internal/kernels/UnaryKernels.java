package dev.jfastai.tensor.internal.kernels;

/**
 * Elementwise unary loops worth sharing: a Vector API fast path ({@link VectorElementwise}) with a scalar fallback
 * giving the same bits. The ops' other loops are one line each and live in their op's class.
 */
public final class UnaryKernels {
  /** Bits of +infinity: the largest float bit pattern that is a number above 0 (NaNs lie above it). */
  private static final int POSITIVE_INFINITY_BITS = 0x7f800000;

  private UnaryKernels() {}

  /** Elements per part when a loop is shared between the kernel threads: large arrays only (a CNN's activations). */
  private static final int PART = 1 << 16;

  /** {@code o[oi+i] = max(x[xi+i], 0)} with Math.max's rules (NaN stays NaN, -0 gives 0). */
  public static void relu(float[] x, int xi, float[] o, int oi, int n) {
    if (Gemm.VECTOR) {
      inParts(n, (from, length) -> VectorElementwise.relu(x, xi + from, o, oi + from, length));
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
      inParts(n, (from, length) -> VectorElementwise.reluGradient(s, si + from, g, gi + from, o, oi + from, length));
      return;
    }
    // Branch-free: the sign of s is a coin toss, so `s > 0 ? g : 0` mispredicted half the time (4x slower).
    for (int i = 0; i < n; i++) {
      o[oi + i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[gi + i]) & positiveMask(s[si + i]));
    }
  }

  /** Runs {@code body} on ranges of 0..n-1: one range below two parts' size, else parts shared by the threads. */
  private static void inParts(int n, Range body) {
    int parts = Math.min(8, n / PART);
    if (parts < 2) {
      body.run(0, n);
      return;
    }
    KernelThreads.run(parts, KernelThreads.available(), p -> {
      int from = (int) ((long) n * p / parts);
      body.run(from, (int) ((long) n * (p + 1) / parts) - from);
    });
  }

  @FunctionalInterface
  private interface Range {
    void run(int from, int length);
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
