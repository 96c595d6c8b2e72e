package dev.jfastai.tensor.internal.kernels;

import java.util.Arrays;

/**
 * Plain-Java matrix multiply: the fallback when the Vector API is absent (or {@code jfastai.kernels=scalar}).
 * Every layout runs as i-p-j row updates, whose innermost loop walks contiguous rows of B and C.
 */
final class ScalarGemm {
  private ScalarGemm() {}

  /** Same contract as {@link Gemm#gemm}; arguments are already checked. */
  static void gemm(boolean transA, boolean transB, int m, int n, int k,
                   float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
    if (!accumulate) Arrays.fill(c, cOff, cOff + m * n, 0f);
    if (transB) {
      rowUpdates(transA, m, n, k, a, aOff, transposed(b, bOff, n, k), 0, c, cOff);
    } else {
      rowUpdates(transA, m, n, k, a, aOff, b, bOff, c, cOff);
    }
  }

  /**
   * B stored [k,n]: i-p-j order, each step adding scaled rows of B to a row of C. Four rows of B per pass over
   * the C row quarter the loads and stores of C (C2 cannot vectorize this loop: it cannot rule out that b and c
   * are one array).
   */
  private static void rowUpdates(boolean transA, int m, int n, int k,
                                 float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
    int aRowStep = transA ? 1 : k;
    int aColStep = transA ? m : 1;
    for (int i = 0; i < m; i++) {
      int cRow = cOff + i * n;
      int aIdx = aOff + i * aRowStep;
      int p = 0;
      for (; p + 3 < k; p += 4, aIdx += 4 * aColStep) {
        float a0 = a[aIdx];
        float a1 = a[aIdx + aColStep];
        float a2 = a[aIdx + 2 * aColStep];
        float a3 = a[aIdx + 3 * aColStep];
        int b0 = bOff + p * n;
        int b1 = b0 + n;
        int b2 = b1 + n;
        int b3 = b2 + n;
        for (int j = 0; j < n; j++) {
          c[cRow + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
        }
      }
      for (; p < k; p++, aIdx += aColStep) {
        float av = a[aIdx];
        int bRow = bOff + p * n;
        for (int j = 0; j < n; j++) c[cRow + j] += av * b[bRow + j];
      }
    }
  }

  /** Copies B stored [n,k] into a new [k,n] array: O(nk) work that lets the O(mnk) loop run row-wise. */
  private static float[] transposed(float[] b, int bOff, int n, int k) {
    float[] t = new float[n * k];
    for (int j = 0; j < n; j++) {
      for (int p = 0, src = bOff + j * k; p < k; p++) t[p * n + j] = b[src + p];
    }
    return t;
  }
}
