package dev.jfastai.tensor.internal.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Copies planes {@code [height][width]} into planes with a zero border ({@code top}, {@code left} wide before,
 * any width after): the input of a convolution, or the output gradient its input gradient reads. Plane rows are
 * often 1-14 floats, where a loop (or arraycopy) per row costs more than the copy: rows of half a vector or more go
 * as vectors (the last one masked), narrower ones (where a masked vector per row was slower) and every row without
 * {@link Gemm#FULL_VECTOR_JIT} through one flat loop over a table of destinations. Measured in bench/README.md.
 */
final class PlanePadding {
  private static final int LANES = IndirectTile.LANES;

  final int paddedWidth;
  final int paddedPlane;
  private final int height;
  private final int width;
  private final int top;
  private final int left;
  /** Per element of {@code planesPerCall} planes: its place in the padded planes; null where rows are vectors. */
  private final int[] paddedAt;

  /** Planes of height x width padded to paddedHeight x paddedWidth, copied at most {@code planesPerCall} at once. */
  PlanePadding(int height, int width, int top, int left, int paddedHeight, int paddedWidth, int planesPerCall) {
    this.height = height;
    this.width = width;
    this.top = top;
    this.left = left;
    this.paddedWidth = paddedWidth;
    this.paddedPlane = paddedHeight * paddedWidth;
    boolean vectorRows = Gemm.FULL_VECTOR_JIT && width >= LANES / 2;
    paddedAt = vectorRows ? null : new int[planesPerCall * height * width];
    for (int plane = 0, i = 0; !vectorRows && plane < planesPerCall; plane++) {
      for (int h = 0; h < height; h++) {
        for (int v = 0; v < width; v++, i++) paddedAt[i] = plane * paddedPlane + (h + top) * paddedWidth + v + left;
      }
    }
  }

  /** Writes {@code planes} padded planes at dst[dstAt..] from the planes at src[srcAt..]. */
  void copy(float[] src, int srcAt, int planes, float[] dst, int dstAt) {
    Arrays.fill(dst, dstAt, dstAt + planes * paddedPlane, 0f);
    if (paddedAt != null) {
      for (int i = 0, end = planes * height * width; i < end; i++) dst[dstAt + paddedAt[i]] = src[srcAt + i];
      return;
    }
    int whole = width - width % LANES;
    VectorMask<Float> tail = IndirectTile.SPECIES.indexInRange(whole, width);
    for (int row = 0, rows = planes * height; row < rows; row++) {
      int from = srcAt + row * width;
      int to = dstAt + row / height * paddedPlane + (row % height + top) * paddedWidth + left;
      for (int v = 0; v < whole; v += LANES) {
        FloatVector.fromArray(IndirectTile.SPECIES, src, from + v).intoArray(dst, to + v);
      }
      if (whole < width) {
        FloatVector.fromArray(IndirectTile.SPECIES, src, from + whole, tail).intoArray(dst, to + whole, tail);
      }
    }
  }
}
