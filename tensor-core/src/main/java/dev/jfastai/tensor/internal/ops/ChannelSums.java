package dev.jfastai.tensor.internal.ops;

/**
 * The per-channel sums of batch norm over one run of a channel's values, in double, with four independent partial
 * sums: a single running sum waits for each add to finish (about four cycles), four keep the adder busy. The order
 * is fixed, so the results do not depend on anything but the values.
 */
final class ChannelSums {
  private ChannelSums() {}

  /** The sum of {@code a[from..from+length)}. */
  static double sum(float[] a, int from, int length) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (int end = from + length - 3; i < end; i += 4) {
      s0 += a[i];
      s1 += a[i + 1];
      s2 += a[i + 2];
      s3 += a[i + 3];
    }
    for (int end = from + length; i < end; i++) s0 += a[i];
    return (s0 + s1) + (s2 + s3);
  }

  /** The sum of {@code (a[i] - mean)^2} over {@code a[from..from+length)}. */
  static double squaredDeviations(float[] a, int from, int length, double mean) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (int end = from + length - 3; i < end; i += 4) {
      double d0 = a[i] - mean;
      double d1 = a[i + 1] - mean;
      double d2 = a[i + 2] - mean;
      double d3 = a[i + 3] - mean;
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (int end = from + length; i < end; i++) {
      double d = a[i] - mean;
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The sum of {@code g[i] * ((x[j] - mean) * invstd)} (float products, as the forward's xhat) over the runs. */
  static double dotNormalized(float[] g, int gFrom, float[] x, int xFrom, int length, float mean, float invstd) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i < length - 3; i += 4) {
      s0 += g[gFrom + i] * ((x[xFrom + i] - mean) * invstd);
      s1 += g[gFrom + i + 1] * ((x[xFrom + i + 1] - mean) * invstd);
      s2 += g[gFrom + i + 2] * ((x[xFrom + i + 2] - mean) * invstd);
      s3 += g[gFrom + i + 3] * ((x[xFrom + i + 3] - mean) * invstd);
    }
    for (; i < length; i++) s0 += g[gFrom + i] * ((x[xFrom + i] - mean) * invstd);
    return (s0 + s1) + (s2 + s3);
  }
}
