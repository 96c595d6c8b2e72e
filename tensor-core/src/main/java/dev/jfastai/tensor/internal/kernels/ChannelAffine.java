package dev.jfastai.tensor.internal.kernels;

/**
 * Batch norm's element passes over one channel's runs ({@code runs} runs of {@code length} floats, run r at
 * {@code from + r * stride}, the same layout for every array). The runs are short (a 14x14 plane is 196 floats, a 2x2
 * one 4): C2's own vector loops spend most of such a run in their scalar pre- and post-loops, three times slower
 * than over one long array, so with the Vector API the runs go a vector at a time ({@link VectorChannelAffine}) with
 * a scalar tail. Each element is computed by the same float operations in the same order either way: same bits.
 */
public final class ChannelAffine {
  private ChannelAffine() {}

  /** {@code y = x * scale + shift} over the runs. */
  public static void affine(float[] x, int xFrom, float[] y, int yFrom, int length, int stride, int runs, float scale,
                            float shift) {
    if (Gemm.VECTOR) {
      VectorChannelAffine.affine(x, xFrom, y, yFrom, length, stride, runs, scale, shift);
      return;
    }
    for (int r = 0; r < runs; r++) {
      int xi = xFrom + r * stride;
      int yi = yFrom + r * stride;
      for (int i = 0; i < length; i++) y[yi + i] = x[xi + i] * scale + shift;
    }
  }

  /**
   * Batch norm's training input gradient: {@code dx = scale * (g - meanG - ((x - mean) * invstd) * meanGxhat)} over
   * the runs.
   */
  public static void inputGradient(float[] g, int gFrom, float[] x, int xFrom, float[] dx, int dxFrom, int length,
                                   int stride, int runs, float mean, float invstd, float scale, float meanG,
                                   float meanGxhat) {
    if (Gemm.VECTOR) {
      VectorChannelAffine.inputGradient(g, gFrom, x, xFrom, dx, dxFrom, length, stride, runs, mean, invstd, scale,
          meanG, meanGxhat);
      return;
    }
    for (int r = 0; r < runs; r++) {
      int gi = gFrom + r * stride;
      int xi = xFrom + r * stride;
      int di = dxFrom + r * stride;
      for (int i = 0; i < length; i++) {
        float xhat = (x[xi + i] - mean) * invstd;
        dx[di + i] = scale * (g[gi + i] - meanG - xhat * meanGxhat);
      }
    }
  }
}
