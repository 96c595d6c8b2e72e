package dev.jfastai.tensor.internal.kernels;

import static dev.jfastai.tensor.internal.kernels.VectorMicroKernel.LANES;
import static dev.jfastai.tensor.internal.kernels.VectorMicroKernel.SPECIES;
import static dev.jfastai.tensor.internal.kernels.VectorMicroKernel.WIDTH;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Copies blocks of the GEMM operands into the layouts the micro-kernels read, and owns the per-thread
 * buffers they are copied into (reused across calls, grown on demand).
 */
final class GemmPacking {
  private static final ThreadLocal<GemmPacking> PER_THREAD = ThreadLocal.withInitial(GemmPacking::new);

  private float[] panels = new float[0];
  private float[] rows = new float[0];
  private float[] shared = new float[0];
  // What packAllShared last packed into shared: a copy of B's values and its layout.
  private float[] sharedSource = new float[0];
  private boolean sharedTransB;
  private int sharedN = -1;
  private int sharedK = -1;
  private float[] partialSums = new float[0];
  private float[] tailPanel = new float[0];
  private final float[] tile = new float[8 * WIDTH];

  private GemmPacking() {}

  static GemmPacking forCurrentThread() {
    return PER_THREAD.get();
  }

  /**
   * Packs op(B)[p0:p0+kc, j0:j0+nc] into panels of {@code width} columns, zero-padded on the right:
   * element (p, j) of panel q lands at {@code q*kc*width + p*width + j}. B is stored [k,n], or [n,k] when
   * {@code transB}.
   */
  float[] packPanels(boolean transB, float[] b, int bOff, int n, int k, int p0, int kc, int j0, int nc, int width) {
    panels = ensure(panels, (nc + width - 1) / width * kc * width);
    packInto(panels, transB, b, bOff, n, k, p0, kc, j0, nc, width);
    return panels;
  }

  private static void packInto(float[] dst, boolean transB, float[] b, int bOff, int n, int k, int p0, int kc,
                               int j0, int nc, int width) {
    int panelCount = (nc + width - 1) / width;
    for (int q = 0; q < panelCount; q++) {
      int col = j0 + q * width;
      int w = Math.min(width, j0 + nc - col);
      if (transB) {
        gatherPanel(b, bOff, k, p0, kc, col, w, dst, q * kc * width, width);
      } else {
        copyPanel(b, bOff, n, p0, kc, col, w, dst, q * kc * width, width);
      }
    }
  }

  /**
   * All of op(B) packed into panels WIDTH wide, in a buffer the other threads read, packed again only when B's
   * values differ from those of the last call. A panel this thread rewrites costs invalidating the other cores'
   * copies, which they then pull back: a weight that did not change (validation, inference) is not packed at all,
   * and one that did (each training step) is read where the update left it, in this thread's cache, instead of by
   * every thread. (NaNs of any payload compare equal: the product is NaN either way.)
   */
  float[] packAllShared(boolean transB, float[] b, int bOff, int n, int k) {
    int size = n * k;
    boolean same = sharedTransB == transB && sharedN == n && sharedK == k
        && Arrays.equals(b, bOff, bOff + size, sharedSource, 0, size);
    if (!same) {
      shared = ensure(shared, (n + WIDTH - 1) / WIDTH * k * WIDTH);
      packInto(shared, transB, b, bOff, n, k, 0, k, 0, n, WIDTH);
      sharedSource = ensure(sharedSource, size);
      System.arraycopy(b, bOff, sharedSource, 0, size);
      sharedTransB = transB;
      sharedN = n;
      sharedK = k;
    }
    return shared;
  }

  /**
   * One panel from B stored [n,k]: row j of B is column j of op(B), so each panel row gathers one element from each
   * of LANES rows of B per vector, 3x faster than walking each B row down a panel column with scalar strided
   * writes. Lanes past w re-read the group's first row and are zeroed by a blend (no masked gather, which the JIT's
   * first tiers run far slower); groups wholly past w are zeros.
   */
  private static void gatherPanel(float[] b, int bOff, int k, int p0, int kc, int col, int w,
                                  float[] dst, int base, int width) {
    for (int jj = 0; jj < width; jj += LANES) {
      int lanes = Math.max(0, Math.min(LANES, w - jj));
      int[] rowStarts = rowStarts(k, lanes);
      VectorMask<Float> padding = VectorMask.fromLong(SPECIES, lanes == LANES ? 0L : -1L << lanes);
      int src = bOff + (col + Math.min(jj, w - 1)) * k + p0;
      for (int p = 0, d = base + jj; p < kc; p++, d += width) {
        FloatVector v = FloatVector.fromArray(SPECIES, b, src + p, rowStarts, 0);
        if (lanes < LANES) v = v.blend(0f, padding);
        v.intoArray(dst, d);
      }
    }
  }

  /** One panel from B stored [k,n]: w columns of each row copied, the rest of the panel row zeroed. */
  private static void copyPanel(float[] b, int bOff, int n, int p0, int kc, int col, int w,
                                float[] dst, int base, int width) {
    if (w == width) {
      // Two vector copies per row beat System.arraycopy's call overhead at this length.
      for (int p = 0, s = bOff + p0 * n + col, d = base; p < kc; p++, s += n, d += width) {
        for (int v = 0; v < width; v += LANES) FloatVector.fromArray(SPECIES, b, s + v).intoArray(dst, d + v);
      }
      return;
    }
    for (int p = 0; p < kc; p++) {
      System.arraycopy(b, bOff + (p0 + p) * n + col, dst, base + p * width, w);
      Arrays.fill(dst, base + p * width + w, base + (p + 1) * width, 0f);
    }
  }

  /** Offsets of the first {@code lanes} of LANES rows of length {@code k}; the rest 0 (the first row again). */
  private static int[] rowStarts(int k, int lanes) {
    int[] starts = new int[LANES];
    for (int i = 0; i < lanes; i++) starts[i] = i * k;
    return starts;
  }

  /**
   * Packs rows i0..i0+mr of op(A)[., p0:p0+kc], for A stored transposed ([k,m]), into row-major rows of length
   * kc: element (i0+r, p0+p) lands at {@code r*kc + p}.
   */
  float[] packTransposedRows(float[] a, int aOff, int m, int p0, int kc, int i0, int mr) {
    float[] dst = rows = ensure(rows, mr * kc);
    for (int p = 0; p < kc; p++) {
      int src = aOff + (p0 + p) * m + i0;
      for (int r = 0, d = p; r < mr; r++, d += kc) dst[d] = a[src + r];
    }
    return dst;
  }

  /** Room for {@code size} floats: the sums of the k blocks that a split-k product adds to C last. */
  float[] partialSums(int size) {
    return partialSums = ensure(partialSums, size);
  }

  /** Room for {@code size} floats: a last, narrow panel of C summed WIDTH wide (see VectorGemm.gemm). */
  float[] tailPanel(int size) {
    return tailPanel = ensure(tailPanel, size);
  }

  /** Scratch for one partial micro-tile of C. */
  float[] tile() {
    return tile;
  }

  private static float[] ensure(float[] buffer, int size) {
    return buffer.length >= size ? buffer : new float[Math.max(size, buffer.length + buffer.length / 2)];
  }
}
