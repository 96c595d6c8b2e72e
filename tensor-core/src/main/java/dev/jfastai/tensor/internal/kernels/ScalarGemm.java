package dev.jfastai.tensor.internal.kernels;

/** Plain-Java matrix multiply: the reference, and the fallback when the Vector API is absent. */
final class ScalarGemm {
  private ScalarGemm() {}

  static void gemm(boolean transA, boolean transB, int m, int n, int k,
                   float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
    if (!accumulate) java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
    for (int i = 0; i < m; i++) {
      int cRow = cOff + i * n;
      for (int p = 0; p < k; p++) {
        float av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
        if (av == 0f) continue;
        if (transB) {
          for (int j = 0; j < n; j++) c[cRow + j] += av * b[bOff + j * k + p];
        } else {
          int bRow = bOff + p * n;
          for (int j = 0; j < n; j++) c[cRow + j] += av * b[bRow + j];
        }
      }
    }
  }
}
