package dev.jfastai.tensor.internal.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked inner kernels: a tile of up to 8 rows x {@link #WIDTH} columns of C stays in vector
 * registers while p runs over a block of k. Row r of A is {@code a[aIdx + r*aStride + p]}; the block of B is a
 * packed panel, {@code bp[bIdx + p*WIDTH + j]}. Rows past {@code rows} re-read the last valid row and are not
 * stored, so one kernel serves a short tail block. Full tiles go straight to C; partial ones (short rows, or columns
 * past {@code cols}) are staged in {@code tile} ({@code 8 * WIDTH} floats) and merged by plain loops, which keeps
 * every vector inside one method: vectors passed to a method C2 does not inline are not intrinsified.
 */
final class VectorMicroKernel {
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  static final int LANES = SPECIES.length();
  /** Columns of C per tile: two vectors. */
  static final int WIDTH = 2 * LANES;

  private VectorMicroKernel() {}

  /**
   * Computes a tile of {@code 2 <= rows <= 8} rows from a packed panel; {@code add} adds to C instead of
   * overwriting it.
   */
  static void rows8(float[] a, int aIdx, int aStride, int rows, float[] bp, int bIdx, int kc,
                    float[] c, int cIdx, int ldc, int cols, boolean add, float[] tile) {
    int a0 = aIdx;
    int a1 = aIdx + Math.min(1, rows - 1) * aStride;
    int a2 = aIdx + Math.min(2, rows - 1) * aStride;
    int a3 = aIdx + Math.min(3, rows - 1) * aStride;
    int a4 = aIdx + Math.min(4, rows - 1) * aStride;
    int a5 = aIdx + Math.min(5, rows - 1) * aStride;
    int a6 = aIdx + Math.min(6, rows - 1) * aStride;
    int a7 = aIdx + Math.min(7, rows - 1) * aStride;
    FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
    FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    FloatVector c60 = c00, c61 = c00, c70 = c00, c71 = c00;
    for (int p = 0; p < kc; p++) {
      int bi = bIdx + p * WIDTH;
      FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
      FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + LANES);
      FloatVector av = FloatVector.broadcast(SPECIES, a[a0 + p]);
      c00 = b0.fma(av, c00);
      c01 = b1.fma(av, c01);
      av = FloatVector.broadcast(SPECIES, a[a1 + p]);
      c10 = b0.fma(av, c10);
      c11 = b1.fma(av, c11);
      av = FloatVector.broadcast(SPECIES, a[a2 + p]);
      c20 = b0.fma(av, c20);
      c21 = b1.fma(av, c21);
      av = FloatVector.broadcast(SPECIES, a[a3 + p]);
      c30 = b0.fma(av, c30);
      c31 = b1.fma(av, c31);
      av = FloatVector.broadcast(SPECIES, a[a4 + p]);
      c40 = b0.fma(av, c40);
      c41 = b1.fma(av, c41);
      av = FloatVector.broadcast(SPECIES, a[a5 + p]);
      c50 = b0.fma(av, c50);
      c51 = b1.fma(av, c51);
      av = FloatVector.broadcast(SPECIES, a[a6 + p]);
      c60 = b0.fma(av, c60);
      c61 = b1.fma(av, c61);
      av = FloatVector.broadcast(SPECIES, a[a7 + p]);
      c70 = b0.fma(av, c70);
      c71 = b1.fma(av, c71);
    }
    if (rows == 8 && cols >= WIDTH) {
      if (add) {
        c00 = c00.add(FloatVector.fromArray(SPECIES, c, cIdx));
        c01 = c01.add(FloatVector.fromArray(SPECIES, c, cIdx + LANES));
        c10 = c10.add(FloatVector.fromArray(SPECIES, c, cIdx + ldc));
        c11 = c11.add(FloatVector.fromArray(SPECIES, c, cIdx + ldc + LANES));
        c20 = c20.add(FloatVector.fromArray(SPECIES, c, cIdx + 2 * ldc));
        c21 = c21.add(FloatVector.fromArray(SPECIES, c, cIdx + 2 * ldc + LANES));
        c30 = c30.add(FloatVector.fromArray(SPECIES, c, cIdx + 3 * ldc));
        c31 = c31.add(FloatVector.fromArray(SPECIES, c, cIdx + 3 * ldc + LANES));
        c40 = c40.add(FloatVector.fromArray(SPECIES, c, cIdx + 4 * ldc));
        c41 = c41.add(FloatVector.fromArray(SPECIES, c, cIdx + 4 * ldc + LANES));
        c50 = c50.add(FloatVector.fromArray(SPECIES, c, cIdx + 5 * ldc));
        c51 = c51.add(FloatVector.fromArray(SPECIES, c, cIdx + 5 * ldc + LANES));
        c60 = c60.add(FloatVector.fromArray(SPECIES, c, cIdx + 6 * ldc));
        c61 = c61.add(FloatVector.fromArray(SPECIES, c, cIdx + 6 * ldc + LANES));
        c70 = c70.add(FloatVector.fromArray(SPECIES, c, cIdx + 7 * ldc));
        c71 = c71.add(FloatVector.fromArray(SPECIES, c, cIdx + 7 * ldc + LANES));
      }
      c00.intoArray(c, cIdx);
      c01.intoArray(c, cIdx + LANES);
      c10.intoArray(c, cIdx + ldc);
      c11.intoArray(c, cIdx + ldc + LANES);
      c20.intoArray(c, cIdx + 2 * ldc);
      c21.intoArray(c, cIdx + 2 * ldc + LANES);
      c30.intoArray(c, cIdx + 3 * ldc);
      c31.intoArray(c, cIdx + 3 * ldc + LANES);
      c40.intoArray(c, cIdx + 4 * ldc);
      c41.intoArray(c, cIdx + 4 * ldc + LANES);
      c50.intoArray(c, cIdx + 5 * ldc);
      c51.intoArray(c, cIdx + 5 * ldc + LANES);
      c60.intoArray(c, cIdx + 6 * ldc);
      c61.intoArray(c, cIdx + 6 * ldc + LANES);
      c70.intoArray(c, cIdx + 7 * ldc);
      c71.intoArray(c, cIdx + 7 * ldc + LANES);
      return;
    }
    c00.intoArray(tile, 0);
    c01.intoArray(tile, LANES);
    c10.intoArray(tile, WIDTH);
    c11.intoArray(tile, WIDTH + LANES);
    c20.intoArray(tile, 2 * WIDTH);
    c21.intoArray(tile, 2 * WIDTH + LANES);
    c30.intoArray(tile, 3 * WIDTH);
    c31.intoArray(tile, 3 * WIDTH + LANES);
    c40.intoArray(tile, 4 * WIDTH);
    c41.intoArray(tile, 4 * WIDTH + LANES);
    c50.intoArray(tile, 5 * WIDTH);
    c51.intoArray(tile, 5 * WIDTH + LANES);
    c60.intoArray(tile, 6 * WIDTH);
    c61.intoArray(tile, 6 * WIDTH + LANES);
    c70.intoArray(tile, 7 * WIDTH);
    c71.intoArray(tile, 7 * WIDTH + LANES);
    mergeTile(tile, rows, cols, c, cIdx, ldc, add);
  }

  /** One row; two accumulator pairs (even and odd p) hide the FMA latency. */
  static void rows1(float[] a, int aIdx, float[] bp, int bIdx, int kc,
                    float[] c, int cIdx, int cols, boolean add, float[] tile) {
    FloatVector c0 = FloatVector.zero(SPECIES), c1 = c0, d0 = c0, d1 = c0;
    int p = 0;
    for (; p + 1 < kc; p += 2) {
      int bi = bIdx + p * WIDTH;
      FloatVector av = FloatVector.broadcast(SPECIES, a[aIdx + p]);
      c0 = FloatVector.fromArray(SPECIES, bp, bi).fma(av, c0);
      c1 = FloatVector.fromArray(SPECIES, bp, bi + LANES).fma(av, c1);
      av = FloatVector.broadcast(SPECIES, a[aIdx + p + 1]);
      d0 = FloatVector.fromArray(SPECIES, bp, bi + WIDTH).fma(av, d0);
      d1 = FloatVector.fromArray(SPECIES, bp, bi + WIDTH + LANES).fma(av, d1);
    }
    if (p < kc) {
      int bi = bIdx + p * WIDTH;
      FloatVector av = FloatVector.broadcast(SPECIES, a[aIdx + p]);
      c0 = FloatVector.fromArray(SPECIES, bp, bi).fma(av, c0);
      c1 = FloatVector.fromArray(SPECIES, bp, bi + LANES).fma(av, c1);
    }
    c0 = c0.add(d0);
    c1 = c1.add(d1);
    if (cols >= WIDTH) {
      if (add) {
        c0 = c0.add(FloatVector.fromArray(SPECIES, c, cIdx));
        c1 = c1.add(FloatVector.fromArray(SPECIES, c, cIdx + LANES));
      }
      c0.intoArray(c, cIdx);
      c1.intoArray(c, cIdx + LANES);
      return;
    }
    c0.intoArray(tile, 0);
    c1.intoArray(tile, LANES);
    mergeTile(tile, 1, cols, c, cIdx, 0, add);
  }

  /** Adds (or writes) the valid rows and columns of a tile staged in {@code tile} to C. */
  private static void mergeTile(float[] tile, int rows, int cols, float[] c, int cIdx, int ldc, boolean add) {
    int w = Math.min(cols, WIDTH);
    for (int r = 0; r < rows; r++) {
      int t = r * WIDTH;
      int ci = cIdx + r * ldc;
      if (add) {
        for (int j = 0; j < w; j++) c[ci + j] += tile[t + j];
      } else {
        System.arraycopy(tile, t, c, ci, w);
      }
    }
  }
}
