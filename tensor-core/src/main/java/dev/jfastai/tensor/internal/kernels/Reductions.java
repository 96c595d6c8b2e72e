package dev.jfastai.tensor.internal.kernels;

/**
 * Reductions over one dim of a tensor viewed as [outer, n, inner], accumulating in double for accuracy
 * (the cost is negligible next to the memory traffic).
 */
public final class Reductions {
  private Reductions() {}

  public static double sumAll(float[] x, int off, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[off + i];
    return s;
  }

  /** out[o, i] = sum_j x[o, j, i]. */
  public static void sumDim(float[] x, int off, int outer, int n, int inner, float[] out) {
    double[] acc = new double[inner];
    for (int o = 0; o < outer; o++) {
      java.util.Arrays.fill(acc, 0);
      int base = off + o * n * inner;
      for (int j = 0; j < n; j++) {
        int row = base + j * inner;
        for (int i = 0; i < inner; i++) acc[i] += x[row + i];
      }
      for (int i = 0; i < inner; i++) out[o * inner + i] = (float) acc[i];
    }
  }

  /** out[o, i] = max_j x[o, j, i], and the first j where it is reached (NaN wins, as in PyTorch). */
  public static void maxDim(float[] x, int off, int outer, int n, int inner, float[] out, int[] argmax) {
    for (int o = 0; o < outer; o++) {
      int base = off + o * n * inner;
      for (int i = 0; i < inner; i++) {
        float best = x[base + i];
        int at = 0;
        for (int j = 1; j < n && !Float.isNaN(best); j++) {
          float v = x[base + j * inner + i];
          if (v > best || Float.isNaN(v)) {
            best = v;
            at = j;
          }
        }
        out[o * inner + i] = best;
        argmax[o * inner + i] = at;
      }
    }
  }
}
