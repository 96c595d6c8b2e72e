package dev.jfastai.tensor.internal.kernels;

import java.util.Arrays;

/**
 * Unfolds a run of NCHW images into the column matrix a convolution multiplies its weight with, and folds gradients
 * back. For images n0..n0+nb-1, row (c, i, j) of the [C*kh*kw, nb*OH*OW] matrix holds, for every image and output
 * pixel (oh, ow), the input x[n, c, oh*sh - ph + i*dh, ow*sw - pw + j*dw], or 0 in the padding. Which input pixel
 * each output pixel reads depends only on the kernel tap (i, j), so it is looked up in a map computed once per
 * geometry: one flat loop per image and row, whatever the stride, padding and image size.
 */
final class Im2Col {
  private final ConvGeometry g;
  /** Per tap i*kw + j and output pixel p: the input pixel's offset in its plane, or -1 in the padding. */
  private final int[][] taps;

  Im2Col(ConvGeometry g) {
    this.g = g;
    int oh = g.outHeight();
    int ow = g.outWidth();
    taps = new int[g.kernelHeight() * g.kernelWidth()][oh * ow];
    for (int i = 0; i < g.kernelHeight(); i++) {
      for (int j = 0; j < g.kernelWidth(); j++) {
        int[] map = taps[i * g.kernelWidth() + j];
        for (int y = 0; y < oh; y++) {
          int ih = y * g.strideHeight() - g.padHeight() + i * g.dilationHeight();
          for (int o = 0; o < ow; o++) {
            int iw = o * g.strideWidth() - g.padWidth() + j * g.dilationWidth();
            boolean inside = ih >= 0 && ih < g.height() && iw >= 0 && iw < g.width();
            map[y * ow + o] = inside ? ih * g.width() + iw : -1;
          }
        }
      }
    }
  }

  /** Fills {@code col} (every element of its [C*kh*kw, nb*OH*OW] prefix) from images n0..n0+nb-1 of x. */
  void unfold(float[] x, int xOff, int n0, int nb, float[] col) {
    int pixels = g.outHeight() * g.outWidth();
    int planeSize = g.height() * g.width();
    int tapCount = taps.length;
    int dst = 0;
    for (int c = 0; c < g.inChannels(); c++) {
      for (int t = 0; t < tapCount; t++) {
        int[] map = taps[t];
        for (int n = n0; n < n0 + nb; n++, dst += pixels) {
          int plane = xOff + (n * g.inChannels() + c) * planeSize;
          for (int p = 0; p < pixels; p++) {
            int at = map[p];
            col[dst + p] = at < 0 ? 0f : x[plane + at];
          }
        }
      }
    }
  }

  /** Writes images n0..n0+nb-1 of dx in full: each element the sum of the {@code col} entries that read it. */
  void fold(float[] col, float[] dx, int n0, int nb) {
    int pixels = g.outHeight() * g.outWidth();
    int planeSize = g.height() * g.width();
    int tapCount = taps.length;
    Arrays.fill(dx, n0 * g.inChannels() * planeSize, (n0 + nb) * g.inChannels() * planeSize, 0f);
    int src = 0;
    for (int c = 0; c < g.inChannels(); c++) {
      for (int t = 0; t < tapCount; t++) {
        int[] map = taps[t];
        for (int n = n0; n < n0 + nb; n++, src += pixels) {
          int plane = (n * g.inChannels() + c) * planeSize;
          for (int p = 0; p < pixels; p++) {
            int at = map[p];
            if (at >= 0) dx[plane + at] += col[src + p];
          }
        }
      }
    }
  }
}
