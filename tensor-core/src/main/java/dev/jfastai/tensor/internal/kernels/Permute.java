package dev.jfastai.tensor.internal.kernels;

/** Copies a row-major tensor into the layout of a permutation of its dims. */
public final class Permute {
  private Permute() {}

  /** out (shape = shape permuted by perm) gets x[index permuted back]. */
  public static void permute(float[] x, int off, int[] shape, int[] perm, float[] out) {
    int rank = shape.length;
    if (rank == 2 && perm[0] == 1) {
      transpose2d(x, off, shape[0], shape[1], out);
      return;
    }
    int[] inStrides = new int[rank];
    for (int d = rank - 1, s = 1; d >= 0; d--) {
      inStrides[d] = s;
      s *= shape[d];
    }
    int[] size = new int[rank];
    int[] stride = new int[rank];
    for (int d = 0; d < rank; d++) {
      size[d] = shape[perm[d]];
      stride[d] = inStrides[perm[d]];
    }
    int n = out.length;
    int[] idx = new int[rank];
    int src = off;
    for (int o = 0; o < n; o++) {
      out[o] = x[src];
      for (int d = rank - 1; d >= 0; d--) {
        src += stride[d];
        if (++idx[d] < size[d]) break;
        src -= stride[d] * size[d];
        idx[d] = 0;
      }
    }
  }

  /** Blocked 2-D transpose: [rows, cols] to [cols, rows], cache-friendly for large matrices. */
  static void transpose2d(float[] x, int off, int rows, int cols, float[] out) {
    final int block = 32;
    for (int r0 = 0; r0 < rows; r0 += block) {
      int r1 = Math.min(rows, r0 + block);
      for (int c0 = 0; c0 < cols; c0 += block) {
        int c1 = Math.min(cols, c0 + block);
        for (int r = r0; r < r1; r++) {
          for (int c = c0; c < c1; c++) out[c * rows + r] = x[off + r * cols + c];
        }
      }
    }
  }
}
