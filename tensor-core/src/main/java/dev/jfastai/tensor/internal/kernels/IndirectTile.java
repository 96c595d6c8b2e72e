package dev.jfastai.tensor.internal.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked tiles of A·B where A is read through two offset tables: element (r, t) of A is
 * {@code src[srcAt + rowOff[r] + loopOff[t]]}. That lets a convolution read its column matrix straight from a padded
 * channels-last input (rows: output pixels, t: kernel taps x channels) or read the input at every pixel for one tap
 * and channel (rows: taps x channels, t: pixels), so the column matrix is never built. B is a packed panel, row t at
 * {@code b[bIdx + t * width]}. Up to 8 rows are computed at once and written to {@code tile} row by row
 * ({@code 8 * width} floats); rows past {@code rows} re-read the last valid row. One way out of each kernel: a
 * branch seen late (an add-to-destination mode, tried) made C2 drop and recompile them mid-training. A sum runs over
 * t in order, one fused multiply-add at a time, so the interpreter and every compiler give the same bits.
 */
final class IndirectTile {
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  static final int LANES = SPECIES.length();
  /**
   * Half a vector, for panels of few channels: where a full vector has at least 16 lanes and the JIT compiles both
   * float shapes in one JVM at full speed ({@link Gemm#FULL_VECTOR_JIT}); else there is no half kernel.
   */
  static final VectorSpecies<Float> HALF = LANES >= 16 && Gemm.FULL_VECTOR_JIT
      ? VectorSpecies.of(float.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 2)) : SPECIES;
  static final int HALF_LANES = HALF.length();
  static final int ROWS = 8;

  private IndirectTile() {}

  /** A tile {@code 2 * LANES} wide: rows {@code rowOff[r0 .. r0 + rows - 1]}, t over {@code loopOff[t0 .. t1 - 1]}. */
  static void twoVectors(float[] src, int[] rowOff, int r0, int rows, int[] loopOff, int t0, int t1, float[] b,
                         int bIdx, float[] tile, int srcAt) {
    int last = rows - 1;
    int o0 = srcAt + rowOff[r0];
    int o1 = srcAt + rowOff[r0 + Math.min(1, last)];
    int o2 = srcAt + rowOff[r0 + Math.min(2, last)];
    int o3 = srcAt + rowOff[r0 + Math.min(3, last)];
    int o4 = srcAt + rowOff[r0 + Math.min(4, last)];
    int o5 = srcAt + rowOff[r0 + Math.min(5, last)];
    int o6 = srcAt + rowOff[r0 + Math.min(6, last)];
    int o7 = srcAt + rowOff[r0 + Math.min(7, last)];
    FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
    FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    FloatVector c60 = c00, c61 = c00, c70 = c00, c71 = c00;
    for (int t = t0; t < t1; t++) {
      int at = loopOff[t];
      int bi = bIdx + (t - t0) * (2 * LANES);
      FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
      FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + LANES);
      FloatVector a = FloatVector.broadcast(SPECIES, src[o0 + at]);
      c00 = b0.fma(a, c00);
      c01 = b1.fma(a, c01);
      a = FloatVector.broadcast(SPECIES, src[o1 + at]);
      c10 = b0.fma(a, c10);
      c11 = b1.fma(a, c11);
      a = FloatVector.broadcast(SPECIES, src[o2 + at]);
      c20 = b0.fma(a, c20);
      c21 = b1.fma(a, c21);
      a = FloatVector.broadcast(SPECIES, src[o3 + at]);
      c30 = b0.fma(a, c30);
      c31 = b1.fma(a, c31);
      a = FloatVector.broadcast(SPECIES, src[o4 + at]);
      c40 = b0.fma(a, c40);
      c41 = b1.fma(a, c41);
      a = FloatVector.broadcast(SPECIES, src[o5 + at]);
      c50 = b0.fma(a, c50);
      c51 = b1.fma(a, c51);
      a = FloatVector.broadcast(SPECIES, src[o6 + at]);
      c60 = b0.fma(a, c60);
      c61 = b1.fma(a, c61);
      a = FloatVector.broadcast(SPECIES, src[o7 + at]);
      c70 = b0.fma(a, c70);
      c71 = b1.fma(a, c71);
    }
    int w = 2 * LANES;
    c00.intoArray(tile, 0);
    c01.intoArray(tile, LANES);
    c10.intoArray(tile, w);
    c11.intoArray(tile, w + LANES);
    c20.intoArray(tile, 2 * w);
    c21.intoArray(tile, 2 * w + LANES);
    c30.intoArray(tile, 3 * w);
    c31.intoArray(tile, 3 * w + LANES);
    c40.intoArray(tile, 4 * w);
    c41.intoArray(tile, 4 * w + LANES);
    c50.intoArray(tile, 5 * w);
    c51.intoArray(tile, 5 * w + LANES);
    c60.intoArray(tile, 6 * w);
    c61.intoArray(tile, 6 * w + LANES);
    c70.intoArray(tile, 7 * w);
    c71.intoArray(tile, 7 * w + LANES);
  }

  /** As {@link #twoVectors}, {@code LANES} wide: for panels of at most one vector's channels. */
  static void oneVector(float[] src, int[] rowOff, int r0, int rows, int[] loopOff, int t0, int t1, float[] b,
                        int bIdx, float[] tile, int srcAt) {
    int last = rows - 1;
    int o0 = srcAt + rowOff[r0];
    int o1 = srcAt + rowOff[r0 + Math.min(1, last)];
    int o2 = srcAt + rowOff[r0 + Math.min(2, last)];
    int o3 = srcAt + rowOff[r0 + Math.min(3, last)];
    int o4 = srcAt + rowOff[r0 + Math.min(4, last)];
    int o5 = srcAt + rowOff[r0 + Math.min(5, last)];
    int o6 = srcAt + rowOff[r0 + Math.min(6, last)];
    int o7 = srcAt + rowOff[r0 + Math.min(7, last)];
    FloatVector c0 = FloatVector.zero(SPECIES), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
    for (int t = t0; t < t1; t++) {
      int at = loopOff[t];
      FloatVector bv = FloatVector.fromArray(SPECIES, b, bIdx + (t - t0) * LANES);
      c0 = bv.fma(FloatVector.broadcast(SPECIES, src[o0 + at]), c0);
      c1 = bv.fma(FloatVector.broadcast(SPECIES, src[o1 + at]), c1);
      c2 = bv.fma(FloatVector.broadcast(SPECIES, src[o2 + at]), c2);
      c3 = bv.fma(FloatVector.broadcast(SPECIES, src[o3 + at]), c3);
      c4 = bv.fma(FloatVector.broadcast(SPECIES, src[o4 + at]), c4);
      c5 = bv.fma(FloatVector.broadcast(SPECIES, src[o5 + at]), c5);
      c6 = bv.fma(FloatVector.broadcast(SPECIES, src[o6 + at]), c6);
      c7 = bv.fma(FloatVector.broadcast(SPECIES, src[o7 + at]), c7);
    }
    c0.intoArray(tile, 0);
    c1.intoArray(tile, LANES);
    c2.intoArray(tile, 2 * LANES);
    c3.intoArray(tile, 3 * LANES);
    c4.intoArray(tile, 4 * LANES);
    c5.intoArray(tile, 5 * LANES);
    c6.intoArray(tile, 6 * LANES);
    c7.intoArray(tile, 7 * LANES);
  }

  /**
   * As {@link #oneVector} on half vectors ({@link #HALF_LANES} wide): for panels of at most that many channels. A twin
   * rather than one method taking the species: C2 emits vector instructions only where the species is a constant,
   * and a kernel this large is not inlined into a caller that would make it one.
   */
  static void halfVector(float[] src, int[] rowOff, int r0, int rows, int[] loopOff, int t0, int t1, float[] b,
                         int bIdx, float[] tile, int srcAt) {
    int last = rows - 1;
    int o0 = srcAt + rowOff[r0];
    int o1 = srcAt + rowOff[r0 + Math.min(1, last)];
    int o2 = srcAt + rowOff[r0 + Math.min(2, last)];
    int o3 = srcAt + rowOff[r0 + Math.min(3, last)];
    int o4 = srcAt + rowOff[r0 + Math.min(4, last)];
    int o5 = srcAt + rowOff[r0 + Math.min(5, last)];
    int o6 = srcAt + rowOff[r0 + Math.min(6, last)];
    int o7 = srcAt + rowOff[r0 + Math.min(7, last)];
    FloatVector c0 = FloatVector.zero(HALF), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
    for (int t = t0; t < t1; t++) {
      int at = loopOff[t];
      FloatVector bv = FloatVector.fromArray(HALF, b, bIdx + (t - t0) * HALF_LANES);
      c0 = bv.fma(FloatVector.broadcast(HALF, src[o0 + at]), c0);
      c1 = bv.fma(FloatVector.broadcast(HALF, src[o1 + at]), c1);
      c2 = bv.fma(FloatVector.broadcast(HALF, src[o2 + at]), c2);
      c3 = bv.fma(FloatVector.broadcast(HALF, src[o3 + at]), c3);
      c4 = bv.fma(FloatVector.broadcast(HALF, src[o4 + at]), c4);
      c5 = bv.fma(FloatVector.broadcast(HALF, src[o5 + at]), c5);
      c6 = bv.fma(FloatVector.broadcast(HALF, src[o6 + at]), c6);
      c7 = bv.fma(FloatVector.broadcast(HALF, src[o7 + at]), c7);
    }
    c0.intoArray(tile, 0);
    c1.intoArray(tile, HALF_LANES);
    c2.intoArray(tile, 2 * HALF_LANES);
    c3.intoArray(tile, 3 * HALF_LANES);
    c4.intoArray(tile, 4 * HALF_LANES);
    c5.intoArray(tile, 5 * HALF_LANES);
    c6.intoArray(tile, 6 * HALF_LANES);
    c7.intoArray(tile, 7 * HALF_LANES);
  }

  /**
   * Dispatches on the panel width ({@link #HALF_LANES}, {@code LANES} or {@code 2 * LANES}), writing the tile to
   * {@code tile}.
   */
  static void tile(int width, float[] src, int srcAt, int[] rowOff, int r0, int rows, int[] loopOff, int t0, int t1,
                   float[] b, int bIdx, float[] tile) {
    if (width < LANES) {
      halfVector(src, rowOff, r0, rows, loopOff, t0, t1, b, bIdx, tile, srcAt);
    } else if (width == LANES) {
      oneVector(src, rowOff, r0, rows, loopOff, t0, t1, b, bIdx, tile, srcAt);
    } else {
      twoVectors(src, rowOff, r0, rows, loopOff, t0, t1, b, bIdx, tile, srcAt);
    }
  }
}
