package dev.jfastai.tensor.internal.kernels;

import static dev.jfastai.tensor.internal.kernels.VectorMicroKernel.LANES;
import static dev.jfastai.tensor.internal.kernels.VectorMicroKernel.SPECIES;
import static dev.jfastai.tensor.internal.kernels.VectorMicroKernel.WIDTH;

import jdk.incubator.vector.FloatVector;

/**
 * Blocked GEMM on the Vector API: k is cut into blocks of at most {@link #KC}; per block, op(B) is packed into
 * column panels {@code WIDTH} wide and the micro-kernels run row blocks
 * of A (read in place unless A is stored transposed) against them. Large products are shared between threads by
 * row or column slabs, or, for a short C, by k blocks ({@link #splitsK}); a last panel narrower than WIDTH is summed
 * in a padded buffer. A product one panel wide (a layer with few outputs) packs B whole, once, on the calling
 * thread, for every thread to read ({@link #onePanel}). Every element is summed in an order fixed by the shape
 * alone, whatever the thread count. Only {@link Gemm} refers to this class, and only when
 * {@code jdk.incubator.vector} is present.
 */
final class VectorGemm {
  /** Largest k block: a packed panel (KC x WIDTH floats) then fits in L1 beside the A rows. */
  static final int KC = 256;
  /**
   * Largest B, packed whole, of a product one panel wide (a layer with few outputs): 512 KiB, which with the copy
   * GemmPacking.packAllShared keeps is what each calling thread holds for it.
   */
  private static final int ONE_PANEL_MAX_FLOATS = 1 << 17;
  /** Largest column block packed at once (a multiple of WIDTH): KC x NC floats (1 MiB) stay in L2. */
  static final int NC = 32 * WIDTH;
  private static final int MR = 8;
  /** A blocks up to this many floats (64 KiB) stay in cache whole: then B panels are packed one at a time. */
  private static final int SMALL_A_FLOATS = 16 * 1024;
  /** Products with at least this many multiply-adds (64^3) are shared between cores: the break-even is near 48^3. */
  private static final long PARALLEL_MIN_MACS = 1L << 18;
  /** Column slabs per thread: a thread slowed by other work leaves its second slab to the others; more re-read A. */
  private static final int SLABS_PER_THREAD = 2;
  /**
   * Products with C this short (at most 4 row blocks) and this small share k between the threads instead, as the
   * weight gradient gᵀ·x of a linear layer: each thread then reads only its own rows of x, which it read in the
   * forward pass and still holds in its cache, where column slabs would have every thread read all of x.
   */
  private static final int SPLIT_K_MAX_ROWS = 4 * MR;
  private static final int SPLIT_K_MAX_C = 64 * 1024;
  /** The least k per block when k is split. */
  private static final int SPLIT_K_MIN_KC = 64;

  private VectorGemm() {}

  /**
   * Same contract as {@link Gemm#gemm}. A large product is cut into slabs of rows or columns that this thread and
   * the {@link KernelThreads} helpers take in turn, so a core that is busy with other work simply takes fewer.
   */
  static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                   float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
    if (VectorThinGemm.handles(m, n, k)) {
      VectorThinGemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
      return;
    }
    int rowBlocks = (m + MR - 1) / MR;
    int colBlocks = (n + WIDTH - 1) / WIDTH;
    int threads = (long) m * n * k < PARALLEL_MIN_MACS ? 1
        : Math.min(KernelThreads.available(), Math.max(rowBlocks, colBlocks));
    if (threads <= 1) {
      gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, 0, m, 0, n);
      return;
    }
    if (splitsK(m, n, k)) {
      splitK(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, threads);
      return;
    }
    int[] starts = kBlockStarts(m, n, k);
    if (isOnePanel(n, k, starts)) {
      // B is packed once, by this thread, and every thread reads that panel: see GemmPacking.packAllShared.
      float[] bp = GemmPacking.forCurrentThread().packAllShared(transB, b, bOff, n, k);
      KernelThreads.run(threads, threads, s -> onePanel(transA, m, n, k, a, aOff, bp, c, cOff, accumulate, starts,
          (int) ((long) rowBlocks * s / threads) * MR,
          Math.min(m, (int) ((long) rowBlocks * (s + 1) / threads) * MR)));
      return;
    }
    boolean byColumns = splitsByColumns(transA, m, n, rowBlocks, colBlocks, threads);
    int blocks = byColumns ? colBlocks : rowBlocks;
    int unit = byColumns ? WIDTH : MR;
    int extent = byColumns ? n : m;
    // Row slabs each pack all of B, so those get one slab per thread.
    int slabs = byColumns ? Math.min(blocks, SLABS_PER_THREAD * threads) : threads;
    KernelThreads.run(slabs, threads, s -> {
      int from = (int) ((long) blocks * s / slabs) * unit;
      int to = Math.min(extent, (int) ((long) blocks * (s + 1) / slabs) * unit);
      if (byColumns) {
        gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, 0, m, from, to);
      } else {
        gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, from, to, 0, n);
      }
    });
  }

  /**
   * Whether a shared product is cut into column slabs rather than row slabs. Column slabs each pack only their own
   * part of B but read all of A, and pack it again when A is stored transposed; row slabs do the opposite. So rows
   * when there are enough of them and A is transposed (its packing then happens once) or larger than B; columns
   * otherwise. Measured in bench/README.md.
   */
  static boolean splitsByColumns(boolean transA, int m, int n, int rowBlocks, int colBlocks, int threads) {
    if (rowBlocks >= 2 * threads && (transA || m > n)) return false;
    return colBlocks >= 2 * threads || colBlocks > rowBlocks;
  }

  /**
   * Computes rows {@code i0..i1} and columns {@code j0..j1} of C on this thread, one block of k at a time (a product
   * one panel wide goes to {@link #onePanel}). When several k blocks add up in a last panel narrower than WIDTH, that
   * panel is summed in a buffer WIDTH wide, where every tile is whole, and copied to C once, instead of each block
   * merging its partial tiles into C by plain loops. Same sums in the same order.
   */
  static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                   float[] b, int bOff, float[] c, int cOff, boolean accumulate, int i0, int i1, int j0, int j1) {
    int[] starts = kBlockStarts(m, n, k);
    if (j0 == 0 && j1 == n && isOnePanel(n, k, starts)) {
      float[] bp = GemmPacking.forCurrentThread().packAllShared(transB, b, bOff, n, k);
      onePanel(transA, m, n, k, a, aOff, bp, c, cOff, accumulate, starts, i0, i1);
      return;
    }
    int tail = (j1 - j0) % WIDTH;
    int jt = starts.length > 2 && tail != 0 ? j1 - tail : j1; // where the buffered panel starts
    for (int kb = 0; kb + 1 < starts.length; kb++) {
      if (jt > j0) {
        block(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, n, false, accumulate || kb > 0,
            starts[kb], starts[kb + 1] - starts[kb], i0, i1, j0, jt);
      }
    }
    if (jt == j1) return;
    int rows = i1 - i0;
    float[] panel = GemmPacking.forCurrentThread().tailPanel(rows * WIDTH);
    if (accumulate) {
      for (int r = 0; r < rows; r++) System.arraycopy(c, cOff + (i0 + r) * n + jt, panel, r * WIDTH, tail);
    }
    // C element (i, j) of the panel lives at panel[(i - i0) * WIDTH + (j - jt)].
    int panelOff = -(i0 * WIDTH + jt);
    for (int kb = 0; kb + 1 < starts.length; kb++) {
      block(transA, transB, m, n, k, a, aOff, b, bOff, panel, panelOff, WIDTH, true, accumulate || kb > 0,
          starts[kb], starts[kb + 1] - starts[kb], i0, i1, jt, j1);
    }
    for (int r = 0; r < rows; r++) System.arraycopy(panel, r * WIDTH, c, cOff + (i0 + r) * n + jt, tail);
  }

  /**
   * Whether a product is one panel wide with several k blocks and a packed B of at most ONE_PANEL_MAX_FLOATS, and
   * so is computed by {@link #onePanel}.
   */
  private static boolean isOnePanel(int n, int k, int[] starts) {
    return n <= WIDTH && starts.length > 2 && (long) k * WIDTH <= ONE_PANEL_MAX_FLOATS;
  }

  /**
   * Rows {@code i0..i1} of a product one panel wide ({@code n <= WIDTH}) with several k blocks, as the chapter's
   * forward x·Wᵀ, from B's panel packed for all of k by the calling thread ({@code bp}, which every thread reads;
   * see GemmPacking.packAllShared): each block of rows runs every k block in turn. A panel narrower than WIDTH is
   * summed in a staging tile WIDTH wide. Same sums in the same order as block by block.
   */
  private static void onePanel(boolean transA, int m, int n, int k, float[] a, int aOff, float[] bp,
                               float[] c, int cOff, boolean accumulate, int[] starts, int i0, int i1) {
    GemmPacking packing = GemmPacking.forCurrentThread();
    boolean staged = n < WIDTH;
    float[] out = staged ? packing.tailPanel(MR * WIDTH) : c;
    int ldc = staged ? WIDTH : n;
    for (int ic = i0; ic < i1; ic += MR) {
      int rows = Math.min(MR, i1 - ic);
      float[] aSrc = transA ? packing.packTransposedRows(a, aOff, m, 0, k, ic, rows) : a;
      int aIdx = transA ? 0 : aOff + ic * k;
      int outIdx = staged ? 0 : cOff + ic * n;
      if (staged && accumulate) {
        for (int r = 0; r < rows; r++) System.arraycopy(c, cOff + (ic + r) * n, out, r * WIDTH, n);
      }
      for (int kb = 0; kb + 1 < starts.length; kb++) {
        int p0 = starts[kb];
        tile(aSrc, aIdx + p0, k, rows, bp, p0 * WIDTH, starts[kb + 1] - p0, out, outIdx, ldc,
            staged ? WIDTH : n, accumulate || kb > 0, packing.tile());
      }
      if (staged) {
        for (int r = 0; r < rows; r++) System.arraycopy(out, r * WIDTH, c, cOff + (ic + r) * n, n);
      }
    }
  }

  /** Whether the k blocks of an [m, n, k] product are computed apart on the threads (see SPLIT_K_MAX_ROWS). */
  static boolean splitsK(int m, int n, int k) {
    return m <= SPLIT_K_MAX_ROWS && (long) m * n <= SPLIT_K_MAX_C && k >= 2 * SPLIT_K_MIN_KC
        && (long) m * n * k >= PARALLEL_MIN_MACS;
  }

  /**
   * Where each k block starts, then k: equal blocks of at most KC (no short last block that pays the C load/store
   * for little work), and at least two for a product that {@link #splitsK}. A function of the shape alone, so one
   * thread and many sum every element in the same order.
   */
  static int[] kBlockStarts(int m, int n, int k) {
    int blocks = (k + KC - 1) / KC;
    if (splitsK(m, n, k)) blocks = Math.max(blocks, 2);
    int[] starts = new int[blocks + 1];
    for (int kb = 0; kb < blocks; kb++) starts[kb + 1] = starts[kb] + (k - starts[kb]) / (blocks - kb);
    return starts;
  }

  /**
   * The threads take the k blocks: the first is added to C, each other one is summed from zero into a buffer of
   * its own; the buffers are then added to C in block order, exactly as the one-thread loop adds the blocks, so
   * the result has the same bits.
   */
  private static void splitK(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                             float[] b, int bOff, float[] c, int cOff, boolean accumulate, int threads) {
    int[] starts = kBlockStarts(m, n, k);
    int blocks = starts.length - 1;
    int size = m * n;
    float[] partial = GemmPacking.forCurrentThread().partialSums((blocks - 1) * size);
    KernelThreads.run(blocks, threads, kb -> {
      int p0 = starts[kb];
      int kc = starts[kb + 1] - p0;
      if (kb == 0) {
        block(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, n, false, accumulate, p0, kc, 0, m, 0, n);
      } else {
        block(transA, transB, m, n, k, a, aOff, b, bOff, partial, (kb - 1) * size, n, false, false, p0, kc, 0, m, 0, n);
      }
    });
    for (int kb = 1; kb < blocks; kb++) addInto(c, cOff, partial, (kb - 1) * size, size);
  }

  /** {@code c[cOff + i] += x[xOff + i]} for i below n. */
  private static void addInto(float[] c, int cOff, float[] x, int xOff, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
      FloatVector.fromArray(SPECIES, c, cOff + i).add(FloatVector.fromArray(SPECIES, x, xOff + i))
          .intoArray(c, cOff + i);
    }
    for (; i < n; i++) c[cOff + i] += x[xOff + i];
  }

  /**
   * Block {@code p0..p0+kc} of k for rows {@code i0..i1} and columns {@code j0..j1}, added to C when {@code add}.
   * C element (i, j) is {@code c[cOff + i*ldc + j]}; {@code wholeTiles} says its rows have room for whole panels.
   */
  private static void block(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                            float[] b, int bOff, float[] c, int cOff, int ldc, boolean wholeTiles, boolean add,
                            int p0, int kc, int i0, int i1, int j0, int j1) {
    GemmPacking packing = GemmPacking.forCurrentThread();
    Block block = new Block(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, ldc, wholeTiles, add, p0, kc);
    if ((long) (i1 - i0) * kc <= SMALL_A_FLOATS) {
      block.panelsOuter(packing, i0, i1, j0, j1);
    } else {
      block.rowsOuter(packing, i0, i1, j0, j1);
    }
  }

  /** One k block {@code p0..p0+kc} of the product, added to C when {@code add} (C addressed as in block()). */
  private record Block(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                       float[] b, int bOff, float[] c, int cOff, int ldc, boolean wholeTiles, boolean add,
                       int p0, int kc) {

    /**
     * For a small A block: packs each B panel just before the row blocks use it, so they read it from L1, while
     * the whole A block stays in cache (packed once when stored transposed).
     */
    void panelsOuter(GemmPacking packing, int i0, int i1, int j0, int j1) {
      float[] aSrc = a;
      int aBase = aOff + i0 * k + p0;
      int aStride = k;
      if (transA) {
        aSrc = packing.packTransposedRows(a, aOff, m, p0, kc, i0, i1 - i0);
        aBase = 0;
        aStride = kc;
      }
      for (int col = j0; col < j1; col += WIDTH) {
        int cols = Math.min(WIDTH, j1 - col);
        float[] bp = packing.packPanels(transB, b, bOff, n, k, p0, kc, col, cols, WIDTH);
        for (int ic = i0; ic < i1; ic += MR) {
          tile(aSrc, aBase + (ic - i0) * aStride, aStride, Math.min(MR, i1 - ic), bp, 0, kc,
              c, cOff + ic * ldc + col, ldc, wholeTiles ? WIDTH : cols, add, packing.tile());
        }
      }
    }

    /**
     * For a large A block: packs up to NC columns of B into panels (they stay in L2), then runs each block of
     * MR rows across all of them, its A rows staying in L1.
     */
    void rowsOuter(GemmPacking packing, int i0, int i1, int j0, int j1) {
      for (int jc = j0; jc < j1; jc += NC) {
        int nc = Math.min(NC, j1 - jc);
        float[] bp = packing.packPanels(transB, b, bOff, n, k, p0, kc, jc, nc, WIDTH);
        for (int ic = i0; ic < i1; ic += MR) {
          int rows = Math.min(MR, i1 - ic);
          float[] aSrc = a;
          int aIdx = aOff + ic * k + p0;
          int aStride = k;
          if (transA) {
            aSrc = packing.packTransposedRows(a, aOff, m, p0, kc, ic, rows);
            aIdx = 0;
            aStride = kc;
          }
          for (int q = 0, col = 0; col < nc; q++, col += WIDTH) {
            tile(aSrc, aIdx, aStride, rows, bp, q * kc * WIDTH, kc,
                c, cOff + ic * ldc + jc + col, ldc, wholeTiles ? WIDTH : nc - col, add, packing.tile());
          }
        }
      }
    }
  }

  /**
   * One micro-tile from a packed panel. Two to eight rows take the 8-row kernel: a kernel of its own for 2-4 rows ran
   * only on the rare tails (the chapter's validation set has one per epoch), stayed in the JIT's slow tiers for dozens
   * of epochs, and cost more there than the rows the 8-row kernel computes for nothing. Both sum each element in the
   * same order. B is always packed, even where its rows could be read in place: a second 8-row kernel for that (with
   * a variable row stride) cost the JIT another large compile and the chapter's first epoch ~90 ms, and gained
   * nothing once compiled (bench/README.md).
   */
  private static void tile(float[] a, int aIdx, int aStride, int rows, float[] bp, int bIdx, int kc,
                           float[] c, int cIdx, int ldc, int cols, boolean add, float[] tile) {
    if (rows > 1) {
      VectorMicroKernel.rows8(a, aIdx, aStride, rows, bp, bIdx, kc, c, cIdx, ldc, cols, add, tile);
    } else {
      VectorMicroKernel.rows1(a, aIdx, bp, bIdx, kc, c, cIdx, cols, add, tile);
    }
  }
}
