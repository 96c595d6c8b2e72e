package dev.jfastai.tensor.internal.kernels;

import dev.jfastai.tensor.internal.StoragePool;
import java.util.Arrays;

/**
 * 2-d convolution of NCHW float arrays as im2col + GEMM, a few images at a time: each chunk's column matrix (about
 * {@code CHUNK_FLOATS}) is unfolded, multiplied and consumed while it is in cache, so no batch-sized matrix goes
 * through memory. Chunks are shared between the kernel threads in a fixed number of parts, each summing its own
 * weight gradient, and the parts' sums are added in order: results do not depend on the thread count.
 */
public final class ConvKernels {
  /** Target size of one chunk's column matrix: 256 KiB, which stays in L2 beside the weights. */
  private static final int CHUNK_FLOATS = 1 << 16;
  /** Parts the chunks are cut into: enough that a thread slowed by other work leaves some to the others. */
  private static final int MAX_PARTS = 8;
  /** Less work (multiply-adds) than this runs on the calling thread. */
  private static final long PARALLEL_MIN_MACS = 1L << 18;
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private ConvKernels() {}

  /** Writes y [N, OC, OH, OW] in full: the convolution of x with w, plus b[oc] when {@code b} is not null. */
  public static void forward(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] b, int bOff,
                             float[] y) {
    Chunks chunks = new Chunks(g);
    int outPlane = g.outHeight() * g.outWidth();
    chunks.run(g, (part, n0, nb) -> {
      Scratch s = SCRATCH.get();
      int cols = nb * outPlane;
      float[] col = s.col(g.inChannels() * g.kernelHeight() * g.kernelWidth() * cols);
      float[] product = s.grad(g.outChannels() * cols);
      chunks.im2col.unfold(x, xOff, n0, nb, col);
      multiply(g, false, w, wOff, col, product, cols);
      for (int n = n0; n < n0 + nb; n++) {
        for (int o = 0; o < g.outChannels(); o++) {
          int src = o * cols + (n - n0) * outPlane;
          int dst = (n * g.outChannels() + o) * outPlane;
          float bias = b == null ? 0f : b[bOff + o];
          for (int p = 0; p < outPlane; p++) y[dst + p] = product[src + p] + bias;
        }
      }
    });
  }

  /**
   * Writes in full each requested gradient (a null array is not wanted): dx [N, C, H, W], dw like w, db [OC], from
   * dy [N, OC, OH, OW].
   */
  public static void backward(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] dy, int dyOff,
                              float[] dx, float[] dw, float[] db) {
    Chunks chunks = new Chunks(g);
    int outPlane = g.outHeight() * g.outWidth();
    int weightSize = g.outChannels() * g.groupRows();
    // part 0 sums into dw, the others into pooled arrays (fresh ones every step would be garbage every step)
    float[][] partialDw = new float[chunks.parts][];
    boolean[] started = new boolean[chunks.parts];
    partialDw[0] = dw;
    for (int p = 1; dw != null && p < chunks.parts; p++) partialDw[p] = StoragePool.take(weightSize);
    chunks.run(g, (part, n0, nb) -> {
      Scratch s = SCRATCH.get();
      int cols = nb * outPlane;
      int rows = g.inChannels() * g.kernelHeight() * g.kernelWidth();
      float[] grad = s.grad(g.outChannels() * cols);
      for (int n = n0; n < n0 + nb; n++) {
        for (int o = 0; o < g.outChannels(); o++) {
          System.arraycopy(dy, dyOff + (n * g.outChannels() + o) * outPlane, grad, o * cols + (n - n0) * outPlane,
              outPlane);
        }
      }
      float[] col = s.col(rows * cols);
      if (dw != null) {
        chunks.im2col.unfold(x, xOff, n0, nb, col);
        multiplyGradientByColumns(g, grad, col, partialDw[part], cols, started[part]);
        started[part] = true;
      }
      if (dx != null) {
        multiply(g, true, w, wOff, grad, col, cols);
        chunks.im2col.fold(col, dx, n0, nb);
      }
    });
    if (dw != null) {
      if (!started[0]) Arrays.fill(dw, 0f); // an empty batch
      for (int p = 1; p < chunks.parts; p++) {
        for (int i = 0; i < weightSize; i++) dw[i] += partialDw[p][i];
        StoragePool.release(partialDw[p]);
      }
    }
    if (db != null) {
      Arrays.fill(db, 0f);
      double[] sums = new double[g.outChannels()];
      for (int n = 0; n < g.batch(); n++) {
        for (int o = 0; o < g.outChannels(); o++) {
          int at = dyOff + (n * g.outChannels() + o) * outPlane;
          for (int p = 0; p < outPlane; p++) sums[o] += dy[at + p];
        }
      }
      for (int o = 0; o < db.length; o++) db[o] = (float) sums[o];
    }
  }

  /**
   * Per group: forward, out[OCg, cols] = W_g · in (in = columns); transposed, out[K, cols] = W_gᵀ · in (in = the
   * output gradient, out = column gradients).
   */
  private static void multiply(ConvGeometry g, boolean transposed, float[] w, int wOff, float[] in, float[] out,
                               int cols) {
    int groupOut = g.outChannels() / g.groups();
    int k = g.groupRows();
    for (int gi = 0; gi < g.groups(); gi++) {
      int wAt = wOff + gi * groupOut * k;
      if (transposed) {
        Gemm.gemm(true, false, k, cols, groupOut, w, wAt, in, gi * groupOut * cols, out, gi * k * cols, false);
      } else {
        Gemm.gemm(false, false, groupOut, cols, k, w, wAt, in, gi * k * cols, out, gi * groupOut * cols, false);
      }
    }
  }

  /**
   * dW_g (+)= G_g · col_gᵀ per group: as dot products along the chunk's columns (VectorDotGemm) when they are long
   * next to dW's sides, else by the blocked GEMM, which reuses its loads better on a larger dW.
   */
  private static void multiplyGradientByColumns(ConvGeometry g, float[] grad, float[] col, float[] dw, int cols,
                                                boolean accumulate) {
    int groupOut = g.outChannels() / g.groups();
    int k = g.groupRows();
    for (int gi = 0; gi < g.groups(); gi++) {
      if (Gemm.VECTOR && cols >= 2 * (groupOut + k)) {
        VectorDotGemm.gemm(groupOut, k, cols, grad, gi * groupOut * cols, col, gi * k * cols, dw, gi * groupOut * k,
            accumulate);
      } else {
        Gemm.gemm(false, true, groupOut, k, cols, grad, gi * groupOut * cols, col, gi * k * cols, dw,
            gi * groupOut * k, accumulate);
      }
    }
  }

  /** A body run on images n0..n0+nb-1 as part {@code part} of the call. */
  @FunctionalInterface
  private interface ChunkBody {
    void run(int part, int n0, int nb);
  }

  /** The batch cut into chunks of whole images, and the chunks into parts. */
  private static final class Chunks {
    final int imagesPerChunk;
    final int count;
    final int parts;
    final Im2Col im2col;

    Chunks(ConvGeometry g) {
      im2col = new Im2Col(g);
      long perImage = (long) g.inChannels() * g.kernelHeight() * g.kernelWidth() * g.outHeight() * g.outWidth();
      imagesPerChunk = (int) Math.max(1, Math.min(g.batch(), CHUNK_FLOATS / Math.max(1, perImage)));
      count = (g.batch() + imagesPerChunk - 1) / imagesPerChunk;
      parts = Math.max(1, Math.min(count, MAX_PARTS));
    }

    void run(ConvGeometry g, ChunkBody body) {
      long macs = (long) g.batch() * g.outHeight() * g.outWidth() * g.outChannels() * g.groupRows();
      int threads = parts == 1 || macs < PARALLEL_MIN_MACS ? 1 : KernelThreads.available();
      KernelThreads.run(parts, threads, part -> {
        for (int c = count * part / parts; c < count * (part + 1) / parts; c++) {
          int n0 = c * imagesPerChunk;
          body.run(part, n0, Math.min(imagesPerChunk, g.batch() - n0));
        }
      });
    }
  }

  /**
   * One thread's reusable buffers, grown as needed up to {@link #KEEP_FLOATS}: a larger one (a single image whose
   * columns exceed a chunk) is allocated for its chunk and not kept, so each thread holds at most 8 MiB here.
   */
  static final class Scratch {
    static final int KEEP_FLOATS = 1 << 20;
    private float[] col = new float[0];
    private float[] grad = new float[0];

    float[] col(int size) {
      if (size > KEEP_FLOATS) return new float[size];
      if (col.length < size) col = new float[size];
      return col;
    }

    float[] grad(int size) {
      if (size > KEEP_FLOATS) return new float[size];
      if (grad.length < size) grad = new float[size];
      return grad;
    }

    /** The length of the larger of this thread's two kept buffers: for tests. */
    static int largestKept() {
      Scratch s = SCRATCH.get();
      return Math.max(s.col.length, s.grad.length);
    }
  }
}
