package dev.jfastai.tensor.internal.kernels;

import static dev.jfastai.tensor.internal.kernels.VectorMicroKernel.LANES;
import static dev.jfastai.tensor.internal.kernels.VectorMicroKernel.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * {@code C[m, n] (+)= A[m, k] · B[n, k]ᵀ} with both operands contiguous along a long k and a small C, as a
 * convolution's weight gradient G · colᵀ: dot products, 4 rows of A against 3 of B at a time in 12 vector
 * accumulators, with no packing (the blocked GEMM packs Bᵀ, a transposing copy as large as the work here).
 * Only {@link ConvKernels} calls it, and only when {@code Gemm.VECTOR}.
 */
final class VectorDotGemm {
  private static final int MR = 4;
  private static final int NR = 3;
  /** Per thread, the lanes of a tile's MR x NR accumulators, summed by plain loops (see {@link #finish}). */
  private static final ThreadLocal<float[]> LANE_SUMS = ThreadLocal.withInitial(() -> new float[MR * NR * LANES]);

  private VectorDotGemm() {}

  static void gemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                   boolean accumulate) {
    float[] lanes = LANE_SUMS.get();
    int i = 0;
    for (; i + MR <= m; i += MR) {
      int j = 0;
      for (; j + NR <= n; j += NR) {
        tile(k, a, aOff + i * k, b, bOff + j * k, c, cOff + i * n + j, n, accumulate, lanes);
      }
      for (; j < n; j++) {
        for (int r = i; r < i + MR; r++) {
          dot(k, a, aOff + r * k, b, bOff + j * k, c, cOff + r * n + j, accumulate, lanes);
        }
      }
    }
    for (; i < m; i++) {
      for (int j = 0; j < n; j++) dot(k, a, aOff + i * k, b, bOff + j * k, c, cOff + i * n + j, accumulate, lanes);
    }
  }

  /** The 4 x 3 block of C at {@code cAt} (row stride ldc) from rows of A at {@code aAt} and of B at {@code bAt}. */
  private static void tile(int k, float[] a, int aAt, float[] b, int bAt, float[] c, int cAt, int ldc,
                           boolean accumulate, float[] lanes) {
    FloatVector c00 = FloatVector.zero(SPECIES);
    FloatVector c01 = c00;
    FloatVector c02 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c12 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c22 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c32 = c00;
    int p = 0;
    for (int end = k - LANES; p <= end; p += LANES) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, b, bAt + p);
      FloatVector b1 = FloatVector.fromArray(SPECIES, b, bAt + k + p);
      FloatVector b2 = FloatVector.fromArray(SPECIES, b, bAt + 2 * k + p);
      FloatVector a0 = FloatVector.fromArray(SPECIES, a, aAt + p);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      c02 = a0.fma(b2, c02);
      FloatVector a1 = FloatVector.fromArray(SPECIES, a, aAt + k + p);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      c12 = a1.fma(b2, c12);
      FloatVector a2 = FloatVector.fromArray(SPECIES, a, aAt + 2 * k + p);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      c22 = a2.fma(b2, c22);
      FloatVector a3 = FloatVector.fromArray(SPECIES, a, aAt + 3 * k + p);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      c32 = a3.fma(b2, c32);
    }
    // The vectors are stored here, in this method: passed to a method C2 did not inline, they would be boxed.
    c00.intoArray(lanes, 0);
    c01.intoArray(lanes, LANES);
    c02.intoArray(lanes, 2 * LANES);
    c10.intoArray(lanes, 3 * LANES);
    c11.intoArray(lanes, 4 * LANES);
    c12.intoArray(lanes, 5 * LANES);
    c20.intoArray(lanes, 6 * LANES);
    c21.intoArray(lanes, 7 * LANES);
    c22.intoArray(lanes, 8 * LANES);
    c30.intoArray(lanes, 9 * LANES);
    c31.intoArray(lanes, 10 * LANES);
    c32.intoArray(lanes, 11 * LANES);
    for (int r = 0; r < MR; r++) {
      for (int j = 0; j < NR; j++) {
        finish(lanes, (r * NR + j) * LANES, a, aAt + r * k, b, bAt + j * k, p, k, c, cAt + r * ldc + j, accumulate);
      }
    }
  }

  /**
   * c[cAt] (+)= the LANES sums at {@code lanes[at..]}, added in lane order, plus the products of the k tail from
   * {@code p}. Not {@code reduceLanes(ADD)}: its order is unspecified, and C2's tree differs from the interpreter's
   * loop, so a result would depend on when the JIT compiled this.
   */
  private static void finish(float[] lanes, int at, float[] a, int aAt, float[] b, int bAt, int p, int k,
                             float[] c, int cAt, boolean accumulate) {
    float s = 0f;
    for (int lane = 0; lane < LANES; lane++) s += lanes[at + lane];
    for (int q = p; q < k; q++) s += a[aAt + q] * b[bAt + q];
    c[cAt] = accumulate ? c[cAt] + s : s;
  }

  private static void dot(int k, float[] a, int aAt, float[] b, int bAt, float[] c, int cAt, boolean accumulate,
                          float[] lanes) {
    FloatVector acc = FloatVector.zero(SPECIES);
    int p = 0;
    for (int end = k - LANES; p <= end; p += LANES) {
      acc = FloatVector.fromArray(SPECIES, a, aAt + p).fma(FloatVector.fromArray(SPECIES, b, bAt + p), acc);
    }
    acc.intoArray(lanes, 0);
    finish(lanes, 0, a, aAt, b, bAt, p, k, c, cAt, accumulate);
  }
}
