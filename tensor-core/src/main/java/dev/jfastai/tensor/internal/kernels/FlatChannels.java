package dev.jfastai.tensor.internal.kernels;

/**
 * Batch norm's passes for small planes (fewer than 16 values per channel and image, less than a cache line: a 2x2
 * map, or the [N, C] input of BatchNorm1d). There a channel's values are runs of 1-15 floats a row of all channels
 * apart, so the per-channel passes ({@link ChannelReductions}, {@link ChannelAffine}) touch a cache line per run and
 * spend it on a scalar tail. Here each image's block of {@code channels * inner} floats is read front to back, with
 * per-position sums and per-position scales, in plain loops that C2 vectorises (but the input gradient's, which it
 * left scalar, 3x slower, so that one is on the Vector API). Sums run over a fixed number of parts of the batch
 * (each summing its images in order, the parts then added in order, then a channel's positions in order), so
 * results do not depend on the thread count. The element-wise passes compute each element with the same float
 * operations as {@link ChannelAffine}: same bits.
 */
public final class FlatChannels {
  /** Runs of at most this many floats (less than a 64-byte cache line) take the flat passes. */
  public static final int MAX_INNER = 15;
  /** Parts of the batch the sums are cut into: a fixed number, for a fixed order. */
  private static final int PARTS = 8;

  private FlatChannels() {}

  /** Per channel, the sum of x [batch, channels, inner] at xOff. */
  public static double[] sums(float[] x, int xOff, int batch, int channels, int inner) {
    int block = channels * inner;
    double[][] partial = perPart(batch, block, 1, (from, to, acc) -> {
      double[] sum = acc[0];
      for (int n = from; n < to; n++) {
        int base = xOff + n * block;
        for (int j = 0; j < block; j++) sum[j] += x[base + j];
      }
    });
    return byChannel(partial, 0, channels, inner);
  }

  /** Per channel c, the sum of (x - mean[c])^2. */
  public static double[] squaredDeviations(float[] x, int xOff, int batch, int channels, int inner, double[] mean) {
    int block = channels * inner;
    double[] m = expand(mean, inner);
    double[][] partial = perPart(batch, block, 1, (from, to, acc) -> {
      double[] sum = acc[0];
      for (int n = from; n < to; n++) {
        int base = xOff + n * block;
        for (int j = 0; j < block; j++) {
          double d = x[base + j] - m[j];
          sum[j] += d * d;
        }
      }
    });
    return byChannel(partial, 0, channels, inner);
  }

  /**
   * Per channel c, into {@code sumG[c]} the sum of g and into {@code sumGxhat[c]} the sum of
   * {@code g * ((x - mean[c]) * invstd[c])} (float products, as the forward's xhat).
   */
  public static void gradientSums(float[] g, int gOff, float[] x, int xOff, int batch, int channels, int inner,
                                  float[] mean, float[] invstd, double[] sumG, double[] sumGxhat) {
    int block = channels * inner;
    float[] m = expand(mean, inner);
    float[] s = expand(invstd, inner);
    double[][] partial = perPart(batch, block, 2, (from, to, acc) -> {
      double[] sum = acc[0];
      double[] dot = acc[1];
      for (int n = from; n < to; n++) {
        int gb = gOff + n * block;
        int xb = xOff + n * block;
        for (int j = 0; j < block; j++) {
          float gj = g[gb + j];
          sum[j] += gj;
          dot[j] += gj * ((x[xb + j] - m[j]) * s[j]);
        }
      }
    });
    System.arraycopy(byChannel(partial, 0, channels, inner), 0, sumG, 0, channels);
    System.arraycopy(byChannel(partial, 1, channels, inner), 0, sumGxhat, 0, channels);
  }

  /** {@code y = x * scale[c] + shift[c]}, y laid out as x from yOff. */
  public static void affine(float[] x, int xOff, float[] y, int yOff, int batch, int channels, int inner,
                            float[] scale, float[] shift) {
    int block = channels * inner;
    float[] a = expand(scale, inner);
    float[] b = expand(shift, inner);
    perImages(batch, block, (from, to) -> {
      for (int n = from; n < to; n++) {
        int xb = xOff + n * block;
        int yb = yOff + n * block;
        for (int j = 0; j < block; j++) y[yb + j] = x[xb + j] * a[j] + b[j];
      }
    });
  }

  /** Batch norm's training input gradient, per channel c as {@link ChannelAffine#inputGradient}; dx from 0. */
  public static void inputGradient(float[] g, int gOff, float[] x, int xOff, float[] dx, int batch, int channels,
                                   int inner, float[] mean, float[] invstd, float[] scale, float[] meanG,
                                   float[] meanGxhat) {
    int block = channels * inner;
    float[] m = expand(mean, inner);
    float[] s = expand(invstd, inner);
    float[] a = expand(scale, inner);
    float[] mg = expand(meanG, inner);
    float[] mgx = expand(meanGxhat, inner);
    perImages(batch, block, (from, to) -> {
      for (int n = from; n < to; n++) {
        int gb = gOff + n * block;
        int xb = xOff + n * block;
        int db = n * block;
        int j = Gemm.VECTOR ? VectorChannelAffine.inputGradient(g, gb, x, xb, dx, db, block, m, s, a, mg, mgx) : 0;
        for (; j < block; j++) {
          float xhat = (x[xb + j] - m[j]) * s[j];
          dx[db + j] = a[j] * (g[gb + j] - mg[j] - xhat * mgx[j]);
        }
      }
    });
  }

  /** Sums of one part of the batch, images from..to-1, into its accumulators (each {@code block} long). */
  @FunctionalInterface
  private interface PartSum {
    void run(int from, int to, double[][] acc);
  }

  @FunctionalInterface
  private interface ImageRange {
    void run(int from, int to);
  }

  private static double[][] perPart(int batch, int block, int sums, PartSum body) {
    int parts = Math.min(PARTS, batch);
    double[][][] acc = new double[parts][sums][block];
    int threads = threads(batch, block);
    KernelThreads.run(parts, threads, part -> body.run(batch * part / parts, batch * (part + 1) / parts,
        acc[part]));
    double[][] total = new double[sums][block];
    for (int k = 0; k < sums; k++) {
      for (double[][] partAcc : acc) {
        for (int j = 0; j < block; j++) total[k][j] += partAcc[k][j];
      }
    }
    return total;
  }

  private static void perImages(int batch, int block, ImageRange body) {
    int threads = threads(batch, block);
    int parts = Math.min(batch, threads);
    KernelThreads.run(parts, threads, part -> body.run(batch * part / parts, batch * (part + 1) / parts));
  }

  /** The kernel threads for {@code batch} images of {@code block} floats: one below PerChannel's cut-off. */
  private static int threads(int batch, int block) {
    return (long) batch * block < PerChannel.PARALLEL_MIN_ELEMENTS ? 1 : KernelThreads.available();
  }

  /** Per channel, the sum of its positions' totals, in order. */
  private static double[] byChannel(double[][] total, int k, int channels, int inner) {
    double[] out = new double[channels];
    for (int c = 0; c < channels; c++) {
      double s = 0;
      for (int i = 0; i < inner; i++) s += total[k][c * inner + i];
      out[c] = s;
    }
    return out;
  }

  private static float[] expand(float[] perChannel, int inner) {
    float[] out = new float[perChannel.length * inner];
    for (int j = 0; j < out.length; j++) out[j] = perChannel[j / inner];
    return out;
  }

  private static double[] expand(double[] perChannel, int inner) {
    double[] out = new double[perChannel.length * inner];
    for (int j = 0; j < out.length; j++) out[j] = perChannel[j / inner];
    return out;
  }
}
