package dev.jfastai.tensor.internal.kernels;

import java.util.Arrays;

/**
 * Plain-Java matrix multiply: the fallback when the Vector API is absent, and the path for tiny products.
 * Loops run in the order that keeps the innermost one contiguous, so C2 can auto-vectorize it.
 */
final class ScalarGemm {
  private ScalarGemm() {}

  /** Same contract as {@link Gemm#gemm}; arguments are already checked. */
  static void gemm(boolean transA, boolean transB, int m, int n, int k,
                   float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
    if (!accumulate) Arrays.fill(c, cOff, cOff + m * n, 0f);
    if (transB) {
      dotProducts(transA, m, n, k, a, aOff, b, bOff, c, cOff);
    } else {
      rowUpdates(transA, m, n, k, a, aOff, b, bOff, c, cOff);
    }
  }

  /** B stored [k,n]: i-p-j order, each step adds a scaled row of B to a row of C. */
  private static void rowUpdates(boolean transA, int m, int n, int k,
                                 float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
    int aRowStep = transA ? 1 : k;
    int aColStep = transA ? m : 1;
    for (int i = 0; i < m; i++) {
      int cRow = cOff + i * n;
      int aIdx = aOff + i * aRowStep;
      for (int p = 0; p < k; p++, aIdx += aColStep) {
        float av = a[aIdx];
        int bRow = bOff + p * n;
        for (int j = 0; j < n; j++) c[cRow + j] += av * b[bRow + j];
      }
    }
  }

  /** B stored [n,k]: each C element is a dot product of two rows (of A, or of a column of A when transA). */
  private static void dotProducts(boolean transA, int m, int n, int k,
                                  float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
    if (transA) {
      // A stored [k,m]: p-i-j keeps both A and C rows contiguous; B is read down its columns.
      for (int p = 0; p < k; p++) {
        int aRow = aOff + p * m;
        for (int i = 0; i < m; i++) {
          float av = a[aRow + i];
          int cRow = cOff + i * n;
          for (int j = 0; j < n; j++) c[cRow + j] += av * b[bOff + j * k + p];
        }
      }
      return;
    }
    for (int i = 0; i < m; i++) {
      int aRow = aOff + i * k;
      for (int j = 0; j < n; j++) {
        int bRow = bOff + j * k;
        // Four partial sums break the add-latency chain.
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int p = 0;
        for (; p + 3 < k; p += 4) {
          s0 += a[aRow + p] * b[bRow + p];
          s1 += a[aRow + p + 1] * b[bRow + p + 1];
          s2 += a[aRow + p + 2] * b[bRow + p + 2];
          s3 += a[aRow + p + 3] * b[bRow + p + 3];
        }
        for (; p < k; p++) s0 += a[aRow + p] * b[bRow + p];
        c[cOff + i * n + j] += (s0 + s1) + (s2 + s3);
      }
    }
  }
}
