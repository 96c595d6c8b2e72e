package dev.jfastai.tensor.internal.kernels;

/** Contiguous elementwise unary loops, switched on once per call. */
public final class UnaryKernels {
  private UnaryKernels() {}

  public static void apply(UnaryOp op, float[] x, int xi, float[] o, int oi, int n) {
    switch (op) {
      case NEG: for (int i = 0; i < n; i++) o[oi + i] = -x[xi + i]; break;
      case EXP: for (int i = 0; i < n; i++) o[oi + i] = (float) Math.exp(x[xi + i]); break;
      case LOG: for (int i = 0; i < n; i++) o[oi + i] = (float) Math.log(x[xi + i]); break;
      case SIGMOID: for (int i = 0; i < n; i++) o[oi + i] = sigmoid(x[xi + i]); break;
      case RELU: for (int i = 0; i < n; i++) o[oi + i] = Math.max(x[xi + i], 0f); break;
      case TANH: for (int i = 0; i < n; i++) o[oi + i] = (float) Math.tanh(x[xi + i]); break;
      case SQRT: for (int i = 0; i < n; i++) o[oi + i] = (float) Math.sqrt(x[xi + i]); break;
      case ABS: for (int i = 0; i < n; i++) o[oi + i] = Math.abs(x[xi + i]); break;
      default: throw new AssertionError(op);
    }
  }

  /** Logistic function, stable for large |v| (no overflow in exp). */
  public static float sigmoid(float v) {
    if (v >= 0) return (float) (1.0 / (1.0 + Math.exp(-v)));
    double e = Math.exp(v);
    return (float) (e / (1.0 + e));
  }
}
