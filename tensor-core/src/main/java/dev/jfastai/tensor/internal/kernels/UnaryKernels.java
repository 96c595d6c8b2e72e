package dev.jfastai.tensor.internal.kernels;

/** Contiguous elementwise unary loops, switched on once per call. */
public final class UnaryKernels {
  /** Bits of +infinity: the largest float bit pattern that is a number above 0 (NaNs lie above it). */
  private static final int POSITIVE_INFINITY_BITS = 0x7f800000;

  private UnaryKernels() {}

  public static void apply(UnaryOp op, float[] x, int xi, float[] o, int oi, int n) {
    switch (op) {
      case NEG: for (int i = 0; i < n; i++) o[oi + i] = -x[xi + i]; break;
      case EXP: for (int i = 0; i < n; i++) o[oi + i] = (float) Math.exp(x[xi + i]); break;
      case LOG: for (int i = 0; i < n; i++) o[oi + i] = (float) Math.log(x[xi + i]); break;
      case SIGMOID: for (int i = 0; i < n; i++) o[oi + i] = sigmoid(x[xi + i]); break;
      case RELU:
        if (Gemm.VECTOR) {
          VectorElementwise.relu(x, xi, o, oi, n);
        } else {
          for (int i = 0; i < n; i++) o[oi + i] = Math.max(x[xi + i], 0f);
        }
        break;
      case TANH: for (int i = 0; i < n; i++) o[oi + i] = (float) Math.tanh(x[xi + i]); break;
      case SQRT: for (int i = 0; i < n; i++) o[oi + i] = (float) Math.sqrt(x[xi + i]); break;
      case ABS: for (int i = 0; i < n; i++) o[oi + i] = Math.abs(x[xi + i]); break;
      default: throw new AssertionError(op);
    }
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

  /** Logistic function, stable for large |v| (no overflow in exp). */
  public static float sigmoid(float v) {
    if (v >= 0) return (float) (1.0 / (1.0 + Math.exp(-v)));
    double e = Math.exp(v);
    return (float) (e / (1.0 + e));
  }
}
