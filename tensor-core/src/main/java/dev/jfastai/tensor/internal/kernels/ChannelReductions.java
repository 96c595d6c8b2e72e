package dev.jfastai.tensor.internal.kernels;

/**
 * The per-channel sums of batch norm and of a convolution's bias gradient, in double, over {@code runs} runs of
 * {@code length} floats, run r starting at {@code from + r * stride} (a channel's plane in each image of NCHW data).
 * With the Vector API (on JDK 25+) the floats are widened a vector at a time ({@link VectorChannelReductions});
 * otherwise four independent scalar sums keep the adder busy. Either way the order is fixed, so the results depend
 * only on the values.
 */
public final class ChannelReductions {
  /** The vector path widens floats to doubles, which needs {@link Gemm#FULL_VECTOR_JIT}. */
  private static final boolean VECTOR = Gemm.FULL_VECTOR_JIT;

  private ChannelReductions() {}

  /** The sum of the runs' values. */
  public static double sum(float[] a, int from, int length, int stride, int runs) {
    return VECTOR ? VectorChannelReductions.sum(a, from, length, stride, runs)
        : scalarSum(a, from, length, stride, runs);
  }

  static double scalarSum(float[] a, int from, int length, int stride, int runs) {
    double total = 0;
    for (int r = 0; r < runs; r++) {
      int at = from + r * stride;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int i = at;
      for (int end = at + length - 3; i < end; i += 4) {
        s0 += a[i];
        s1 += a[i + 1];
        s2 += a[i + 2];
        s3 += a[i + 3];
      }
      for (int end = at + length; i < end; i++) s0 += a[i];
      total += (s0 + s1) + (s2 + s3);
    }
    return total;
  }

  /** The sum of {@code (a[i] - mean)^2} over the runs. */
  public static double squaredDeviations(float[] a, int from, int length, int stride, int runs, double mean) {
    return VECTOR ? VectorChannelReductions.squaredDeviations(a, from, length, stride, runs, mean)
        : scalarSquaredDeviations(a, from, length, stride, runs, mean);
  }

  static double scalarSquaredDeviations(float[] a, int from, int length, int stride, int runs, double mean) {
    double total = 0;
    for (int r = 0; r < runs; r++) {
      double s = 0;
      for (int i = from + r * stride, end = i + length; i < end; i++) {
        double d = a[i] - mean;
        s += d * d;
      }
      total += s;
    }
    return total;
  }

  /**
   * Batch norm's gradient sums in one pass: {@code out[0]} the sum of g, {@code out[1]} the sum of
   * {@code g[i] * ((x[j] - mean) * invstd)} (float products, as the forward's xhat), over the runs, which start at
   * {@code gFrom} and {@code xFrom} with the same length and stride.
   */
  public static void gradientSums(float[] g, int gFrom, float[] x, int xFrom, int length, int stride, int runs,
                                  float mean, float invstd, double[] out) {
    if (VECTOR) {
      VectorChannelReductions.gradientSums(g, gFrom, x, xFrom, length, stride, runs, mean, invstd, out);
    } else {
      scalarGradientSums(g, gFrom, x, xFrom, length, stride, runs, mean, invstd, out);
    }
  }

  static void scalarGradientSums(float[] g, int gFrom, float[] x, int xFrom, int length, int stride, int runs,
                                 float mean, float invstd, double[] out) {
    double sum = 0;
    double dot = 0;
    for (int r = 0; r < runs; r++) {
      double s = 0;
      double d = 0;
      for (int i = 0; i < length; i++) {
        float gi = g[gFrom + r * stride + i];
        s += gi;
        d += gi * ((x[xFrom + r * stride + i] - mean) * invstd);
      }
      sum += s;
      dot += d;
    }
    out[0] = sum;
    out[1] = dot;
  }
}
