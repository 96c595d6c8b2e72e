package dev.jfastai.tensor.internal.kernels;

/**
 * General matrix multiply on flat row-major float arrays: {@code C[m,n] (+)= op(A)[m,k] * op(B)[k,n]}.
 * {@code op(A)} is A stored as [m,k], or, when {@code transA}, A stored as [k,m] and read transposed
 * without copying; likewise B is stored as [k,n], or [n,k] when {@code transB}.
 */
public final class Gemm {
  private Gemm() {}

  public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                          float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
    ScalarGemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
  }
}
