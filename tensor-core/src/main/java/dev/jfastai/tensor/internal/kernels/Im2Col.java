package dev.jfastai.tensor.internal.kernels;

import java.util.Arrays;

/**
 * Unfolds NCHW images into the column matrix a convolution multiplies its weight with, and folds gradients back.
 * Row (c, i, j) of the [C*kh*kw, N*OH*OW] matrix holds, for every image and output pixel (oh, ow), the input
 * x[n, c, oh*sh - ph + i*dh, ow*sw - pw + j*dw], or 0 in the padding. All images share one matrix, so that one GEMM
 * per group covers the batch. Rows, or channels when folding back, are shared between the kernel threads.
 */
public final class Im2Col {
  /** Less work than this many floats runs on the calling thread. */
  private static final int PARALLEL_MIN_FLOATS = 1 << 15;

  private Im2Col() {}

  /** Fills {@code col} ([C*kh*kw, N*OH*OW], every element written) from x [N, C, H, W] at {@code xOff}. */
  public static void unfold(ConvGeometry g, float[] x, int xOff, float[] col) {
    int rows = g.inChannels() * g.kernelHeight() * g.kernelWidth();
    forRanges(rows, (long) rows * g.columns(), (from, to) -> {
      for (int r = from; r < to; r++) unfoldRow(g, x, xOff, col, r);
    });
  }

  /** Writes {@code dx} [N, C, H, W] in full: the sum, over the rows that read each input element, of {@code col}. */
  public static void fold(ConvGeometry g, float[] col, float[] dx) {
    int channels = g.inChannels();
    long work = (long) channels * g.kernelHeight() * g.kernelWidth() * g.columns();
    forRanges(channels, work, (from, to) -> {
      for (int c = from; c < to; c++) foldChannel(g, col, dx, c);
    });
  }

  private static void unfoldRow(ConvGeometry g, float[] x, int xOff, float[] col, int r) {
    int kw = g.kernelWidth();
    int kh = g.kernelHeight();
    int c = r / (kh * kw);
    int i = r / kw % kh;
    int j = r % kw;
    int oh = g.outHeight();
    int ow = g.outWidth();
    int h = g.height();
    int w = g.width();
    int sw = g.strideWidth();
    int shift = j * g.dilationWidth() - g.padWidth();
    int lo = firstInside(shift, sw, ow);
    int hi = Math.max(lo, endInside(shift, sw, w, ow));
    int planes = g.batch();
    int dst = r * g.columns();
    for (int n = 0; n < planes; n++) {
      int plane = xOff + (n * g.inChannels() + c) * h * w;
      for (int y = 0; y < oh; y++, dst += ow) {
        int ih = y * g.strideHeight() - g.padHeight() + i * g.dilationHeight();
        if (ih < 0 || ih >= h) {
          Arrays.fill(col, dst, dst + ow, 0f);
          continue;
        }
        if (lo > 0) Arrays.fill(col, dst, dst + lo, 0f);
        int src = plane + ih * w + lo * sw + shift;
        if (sw == 1) {
          System.arraycopy(x, src, col, dst + lo, hi - lo);
        } else {
          for (int o = lo; o < hi; o++, src += sw) col[dst + o] = x[src];
        }
        if (hi < ow) Arrays.fill(col, dst + hi, dst + ow, 0f);
      }
    }
  }

  private static void foldChannel(ConvGeometry g, float[] col, float[] dx, int c) {
    int h = g.height();
    int w = g.width();
    int kh = g.kernelHeight();
    int kw = g.kernelWidth();
    int oh = g.outHeight();
    int ow = g.outWidth();
    int sw = g.strideWidth();
    for (int n = 0; n < g.batch(); n++) {
      int plane = (n * g.inChannels() + c) * h * w;
      Arrays.fill(dx, plane, plane + h * w, 0f);
    }
    for (int i = 0; i < kh; i++) {
      for (int j = 0; j < kw; j++) {
        int r = (c * kh + i) * kw + j;
        int shift = j * g.dilationWidth() - g.padWidth();
        int lo = firstInside(shift, sw, ow);
        int hi = Math.max(lo, endInside(shift, sw, w, ow));
        int src = r * g.columns();
        for (int n = 0; n < g.batch(); n++) {
          int plane = (n * g.inChannels() + c) * h * w;
          for (int y = 0; y < oh; y++, src += ow) {
            int ih = y * g.strideHeight() - g.padHeight() + i * g.dilationHeight();
            if (ih < 0 || ih >= h) continue;
            int d = plane + ih * w + lo * sw + shift;
            for (int o = lo; o < hi; o++, d += sw) dx[d] += col[src + o];
          }
        }
      }
    }
  }

  /** The first output column o whose input column o*s + shift is >= 0. */
  private static int firstInside(int shift, int stride, int outWidth) {
    return Math.min(outWidth, Math.max(0, -Math.floorDiv(shift, stride)));
  }

  /** One past the last output column o whose input column o*s + shift is < width. */
  private static int endInside(int shift, int stride, int width, int outWidth) {
    return Math.max(0, Math.min(outWidth, Math.floorDiv(width - 1 - shift, stride) + 1));
  }

  /** A body run on index ranges [from, to). */
  @FunctionalInterface
  private interface RangeBody {
    void run(int from, int to);
  }

  /** Runs {@code body} over 0..count-1, cut into ranges shared between the kernel threads when the work is large. */
  private static void forRanges(int count, long work, RangeBody body) {
    int threads = work < PARALLEL_MIN_FLOATS ? 1 : Math.min(KernelThreads.available(), count);
    if (threads <= 1) {
      body.run(0, count);
      return;
    }
    int parts = Math.min(count, threads * 4);
    KernelThreads.run(parts, threads, p -> body.run((int) ((long) count * p / parts),
        (int) ((long) count * (p + 1) / parts)));
  }
}
