package dev.jfastai.tensor.internal.kernels;

import dev.jfastai.tensor.internal.StoragePool;
import java.util.Arrays;

/**
 * 2-d convolution of NCHW float arrays. With the Vector API and one group it runs {@link DirectConv}, which reads the
 * input in place; otherwise (grouped convolutions, the scalar fallback) im2col + GEMM, a few images at a time: each
 * chunk's column matrix ({@link ConvChunks}) is unfolded, multiplied and consumed while it is in cache, so no
 * batch-sized matrix goes through memory. Either way chunks are shared between the kernel threads in a fixed number
 * of parts, each summing its own weight gradient, and the parts' sums are added in order: results do not depend on
 * the thread count.
 */
public final class ConvKernels {
  /** Scratch slots of the im2col path: the column matrix and the chunk's output gradient. */
  private static final int COLUMNS = 0;
  private static final int GRADIENT = 1;

  private ConvKernels() {}

  /**
   * Floats a forward can keep of its padded input so that the weight gradient need not pad x again
   * ({@code keptInput} of {@link #forward} and {@link #backward}), or 0 where this convolution keeps none.
   */
  public static int keptInputLength(ConvGeometry g) {
    return direct(g) ? DirectConv.plan(g, false).paddedLength() : 0;
  }

  /**
   * Writes y [N, OC, OH, OW] in full: the convolution of x with w, plus b[oc] when {@code b} is not null. A
   * {@code keptInput} of {@link #keptInputLength} floats (else null) receives what the backward of this x can reuse.
   */
  public static void forward(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] b, int bOff,
                             float[] y, float[] keptInput) {
    if (direct(g)) {
      DirectConv.plan(g, false).forward(x, xOff, w, wOff, b, bOff, y, keptInput);
      return;
    }
    Im2Col im2col = new Im2Col(g);
    ConvChunks chunks = new ConvChunks(g, columnsPerImage(g));
    int outPlane = g.outHeight() * g.outWidth();
    chunks.run((part, n0, nb) -> {
      ConvScratch s = ConvScratch.get();
      int cols = nb * outPlane;
      float[] col = s.floats(COLUMNS, g.inChannels() * g.kernelHeight() * g.kernelWidth() * cols);
      float[] product = s.floats(GRADIENT, g.outChannels() * cols);
      im2col.unfold(x, xOff, n0, nb, col);
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
   * Writes in full each requested gradient (a null array is not wanted): dx [N, C, H, W] and dw like w, from
   * dy [N, OC, OH, OW]. {@code keptInput}: what the forward of this x kept, or null.
   */
  public static void backward(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] dy, int dyOff,
                              float[] dx, float[] dw, float[] keptInput) {
    if (direct(g)) {
      DirectConv.plan(g, dx != null).backward(x, xOff, w, wOff, dy, dyOff, dx, dw, keptInput);
    } else {
      columnsBackward(g, x, xOff, w, wOff, dy, dyOff, dx, dw);
    }
  }

  /** dx and dW by im2col: dW = G · colᵀ per chunk, dx = fold(Wᵀ · G). */
  private static void columnsBackward(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] dy,
                                      int dyOff, float[] dx, float[] dw) {
    Im2Col im2col = new Im2Col(g);
    ConvChunks chunks = new ConvChunks(g, columnsPerImage(g));
    int outPlane = g.outHeight() * g.outWidth();
    int weightSize = g.outChannels() * g.groupRows();
    // part 0 sums into dw, the others into pooled arrays (fresh ones every step would be garbage every step)
    float[][] partialDw = new float[chunks.parts][];
    boolean[] started = new boolean[chunks.parts];
    partialDw[0] = dw;
    for (int p = 1; dw != null && p < chunks.parts; p++) partialDw[p] = StoragePool.take(weightSize);
    chunks.run((part, n0, nb) -> {
      ConvScratch s = ConvScratch.get();
      int cols = nb * outPlane;
      int rows = g.inChannels() * g.kernelHeight() * g.kernelWidth();
      float[] grad = s.floats(GRADIENT, g.outChannels() * cols);
      for (int n = n0; n < n0 + nb; n++) {
        for (int o = 0; o < g.outChannels(); o++) {
          System.arraycopy(dy, dyOff + (n * g.outChannels() + o) * outPlane, grad, o * cols + (n - n0) * outPlane,
              outPlane);
        }
      }
      float[] col = s.floats(COLUMNS, rows * cols);
      if (dw != null) {
        im2col.unfold(x, xOff, n0, nb, col);
        multiplyGradientByColumns(g, grad, col, partialDw[part], cols, started[part]);
        started[part] = true;
      }
      if (dx != null) {
        multiply(g, true, w, wOff, grad, col, cols);
        im2col.fold(col, dx, n0, nb);
      }
    });
    if (dw != null) {
      if (!started[0]) Arrays.fill(dw, 0f); // an empty batch
      for (int p = 1; p < chunks.parts; p++) {
        for (int i = 0; i < weightSize; i++) dw[i] += partialDw[p][i];
        StoragePool.release(partialDw[p]);
      }
    }
  }

  /** Whether {@link DirectConv} runs {@code g}: one group, and the Vector API (else its classes must not load). */
  private static boolean direct(ConvGeometry g) {
    return Gemm.VECTOR && g.groups() == 1;
  }

  /** Rows x columns of one image's column matrix: what a chunk of the im2col path holds per image. */
  private static long columnsPerImage(ConvGeometry g) {
    return (long) g.inChannels() * g.kernelHeight() * g.kernelWidth() * g.outHeight() * g.outWidth();
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
}
