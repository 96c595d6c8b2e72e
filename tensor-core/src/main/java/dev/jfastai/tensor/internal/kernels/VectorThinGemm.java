package dev.jfastai.tensor.internal.kernels;

import static dev.jfastai.tensor.internal.kernels.VectorMicroKernel.LANES;
import static dev.jfastai.tensor.internal.kernels.VectorMicroKernel.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * Products with a single row or column (vector times matrix, matrix times vector): the blocked kernels pad it to a
 * whole register tile and pack for it, 8 to 32 times the work. Here one operand is a
 * contiguous vector and the loops run along the other's contiguous dimension. Each element is summed exactly as
 * the micro-kernels sum it, so results are the same bits: FMAs over p from zero per k block of {@link VectorGemm},
 * the block's sum then added to C; for a row that forms a block of its own, even and odd p apart, then added.
 */
final class VectorThinGemm {
  private VectorThinGemm() {}

  /** Whether this class computes an [m, n, k] product: one with a single row or column. */
  static boolean handles(int m, int n, int k) {
    return m == 1 || n == 1;
  }

  /** Same contract as {@link Gemm#gemm}, for shapes that {@link #handles}. */
  static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                   float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
    int[] starts = VectorGemm.kBlockStarts(m, n, k);
    for (int kb = 0; kb + 1 < starts.length; kb++) {
      int p0 = starts[kb];
      int kc = starts[kb + 1] - p0;
      boolean add = accumulate || kb > 0;
      if (n == 1) {
        // C[i] = sum_p A[i, p] b[p]; A[i, p] is a[aOff + i*rowStep + p*colStep], b either way contiguous.
        int rowStep = transA ? 1 : k;
        int colStep = transA ? m : 1;
        boolean loneRow = m % 8 == 1; // a last block of one row: the micro-kernels give it even/odd sums
        int full = loneRow ? m - 1 : m;
        alongRows(a, aOff + p0 * colStep, rowStep, colStep, full, b, bOff + p0, kc, c, cOff, add);
        if (loneRow) {
          c[cOff + m - 1] = scalarSum(a, aOff + (m - 1) * rowStep + p0 * colStep, colStep, b, bOff + p0, 1, kc, true,
              c[cOff + m - 1], add);
        }
      } else {
        // C[j] = sum_p a[p] B[p, j]; B[p, j] is b[bOff + p*rowStep + j*colStep].
        int rowStep = transB ? 1 : n;
        int colStep = transB ? k : 1;
        alongColumns(a, aOff + p0, b, bOff + p0 * rowStep, rowStep, colStep, n, kc, c, cOff, add);
      }
    }
  }

  /**
   * C[i] (+)= sum over kc steps of a[i*rowStep + p*colStep] b[p] for i < rows: LANES rows at a time by vector loads
   * when A is contiguous along i, else eight rows at a time by scalar FMAs (eight chains keep the FMA unit busy; a
   * vector gather ran 20x slower than this until the JIT's last tier compiled it, epochs into a fit).
   */
  private static void alongRows(float[] a, int aOff, int rowStep, int colStep, int rows, float[] b, int bOff, int kc,
                                float[] c, int cOff, boolean add) {
    int i = 0;
    if (rowStep == 1) {
      for (; i + LANES <= rows; i += LANES) {
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
          acc = FloatVector.broadcast(SPECIES, b[bOff + p]).fma(FloatVector.fromArray(SPECIES, a, aOff + i
              + p * colStep), acc);
        }
        if (add) acc = acc.add(FloatVector.fromArray(SPECIES, c, cOff + i));
        acc.intoArray(c, cOff + i);
      }
    } else {
      for (; i + 8 <= rows; i += 8) eightRows(a, aOff + i * rowStep, rowStep, colStep, b, bOff, kc, c, cOff + i, add);
    }
    for (; i < rows; i++) {
      c[cOff + i] = scalarSum(a, aOff + i * rowStep, colStep, b, bOff, 1, kc, false, c[cOff + i], add);
    }
  }

  /** Eight rows of {@link #alongRows}: C[r] (+)= sum over p of a[r*rowStep + p*colStep] b[p], FMAs from zero. */
  private static void eightRows(float[] a, int aOff, int rowStep, int colStep, float[] b, int bOff, int kc,
                                float[] c, int cOff, boolean add) {
    float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
    for (int p = 0, at = aOff; p < kc; p++, at += colStep) {
      float bp = b[bOff + p];
      s0 = Math.fma(a[at], bp, s0);
      s1 = Math.fma(a[at + rowStep], bp, s1);
      s2 = Math.fma(a[at + 2 * rowStep], bp, s2);
      s3 = Math.fma(a[at + 3 * rowStep], bp, s3);
      s4 = Math.fma(a[at + 4 * rowStep], bp, s4);
      s5 = Math.fma(a[at + 5 * rowStep], bp, s5);
      s6 = Math.fma(a[at + 6 * rowStep], bp, s6);
      s7 = Math.fma(a[at + 7 * rowStep], bp, s7);
    }
    if (add) {
      s0 += c[cOff];
      s1 += c[cOff + 1];
      s2 += c[cOff + 2];
      s3 += c[cOff + 3];
      s4 += c[cOff + 4];
      s5 += c[cOff + 5];
      s6 += c[cOff + 6];
      s7 += c[cOff + 7];
    }
    c[cOff] = s0;
    c[cOff + 1] = s1;
    c[cOff + 2] = s2;
    c[cOff + 3] = s3;
    c[cOff + 4] = s4;
    c[cOff + 5] = s5;
    c[cOff + 6] = s6;
    c[cOff + 7] = s7;
  }

  /**
   * C[j] (+)= sum over kc steps of a[p] b[p*rowStep + j*colStep] for j < cols, even and odd p apart as the one-row
   * micro-kernel sums them; vectors of C columns when B is contiguous along j.
   */
  private static void alongColumns(float[] a, int aOff, float[] b, int bOff, int rowStep, int colStep,
                                   int cols, int kc, float[] c, int cOff, boolean add) {
    int j = 0;
    if (colStep == 1) {
      for (; j + LANES <= cols; j += LANES) {
        FloatVector even = FloatVector.zero(SPECIES);
        FloatVector odd = even;
        for (int p = 0; p < kc; p++) {
          FloatVector term = FloatVector.fromArray(SPECIES, b, bOff + p * rowStep + j);
          FloatVector av = FloatVector.broadcast(SPECIES, a[aOff + p]);
          if ((p & 1) == 1) {
            odd = term.fma(av, odd);
          } else {
            even = term.fma(av, even);
          }
        }
        FloatVector acc = even.add(odd);
        if (add) acc = acc.add(FloatVector.fromArray(SPECIES, c, cOff + j));
        acc.intoArray(c, cOff + j);
      }
    }
    if (colStep == 1 && j < cols) {
      // The last columns together, step by step: independent FMA chains instead of one long chain per column.
      int tail = cols - j;
      float[] even = new float[tail];
      float[] odd = new float[tail];
      for (int p = 0; p < kc; p++) {
        float ap = a[aOff + p];
        float[] acc = (p & 1) == 1 ? odd : even;
        int row = bOff + p * rowStep + j;
        for (int t = 0; t < tail; t++) acc[t] = Math.fma(b[row + t], ap, acc[t]);
      }
      for (int t = 0; t < tail; t++) {
        float sum = even[t] + odd[t];
        c[cOff + j + t] = add ? sum + c[cOff + j + t] : sum;
      }
      return;
    }
    for (; j < cols; j++) {
      c[cOff + j] = scalarSum(b, bOff + j * colStep, rowStep, a, aOff, 1, kc, true, c[cOff + j], add);
    }
  }

  /**
   * One element: sum over kc steps of x[xOff + p*xStep] y[yOff + p*yStep] by FMAs from zero (even and odd p apart
   * when {@code evenOdd}), then {@code + c} when {@code add}.
   */
  private static float scalarSum(float[] x, int xOff, int xStep, float[] y, int yOff, int yStep, int kc,
                                 boolean evenOdd, float c, boolean add) {
    float even = 0f;
    float odd = 0f;
    for (int p = 0; p < kc; p++) {
      float term = x[xOff + p * xStep];
      float factor = y[yOff + p * yStep];
      if (evenOdd && (p & 1) == 1) {
        odd = Math.fma(term, factor, odd);
      } else {
        even = Math.fma(term, factor, even);
      }
    }
    float sum = evenOdd ? even + odd : even;
    return add ? sum + c : sum;
  }
}
