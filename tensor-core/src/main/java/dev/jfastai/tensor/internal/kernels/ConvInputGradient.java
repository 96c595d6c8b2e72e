package dev.jfastai.tensor.internal.kernels;

import dev.jfastai.tensor.internal.StoragePool;
import java.util.ArrayList;
import java.util.List;

/**
 * The input gradient of a one-group convolution ({@link DirectConv}) as a convolution of its own that gathers from
 * the output gradient: dx[n, c, ih, iw] is the sum of w[oc, c, kh, kw] * dy[n, oc, oh, ow] over the taps and output
 * channels with {@code ih = oh * strideH - padH + kh * dilationH} (and the same across). Input pixels fall into
 * stride classes (ih mod strideH, iw mod strideW): every pixel of a class takes the same taps at the same offsets
 * from its own corner in the output gradient, so a class's column matrix (rows: its pixels; the sum over its taps x
 * output channels) is read in place from the output gradient with a zero border ({@link IndirectTile}). Each tile
 * row is one input pixel's whole sum, stored once: no scatter-add into a buffer, and a fixed order of the sum. Lanes
 * are input channels. Pixels that no tap reaches (a stride above the kernel's extent) get zeros.
 */
final class ConvInputGradient {
  private static final int ROWS = IndirectTile.ROWS;

  private final int in;
  private final int out;
  private final int taps;
  private final int inPlane;
  private final int outPlane;
  private final int inWidth;
  private final int panels;
  private final PlanePadding padding;
  private final List<StrideClass> classes = new ArrayList<>();
  private final int packedLength;

  /**
   * A stride class. Per row (a chunk's pixels of the class, image-major): its corner in the padded output gradient
   * and its place in dx; per step of the sum (tap-major, then output channel): the offset from the corner; its taps
   * (kh * kernelWidth + kw); where its packed weight starts.
   */
  private record StrideClass(int pixelsPerImage, int[] corners, int[] dxAt, int[] loop, int[] taps, int weightAt) {}

  /** The zero border the output gradient needs along one axis: rows before it, and the padded length. */
  private record Border(int before, int padded) {
    static Border of(int size, int outSize, int kernel, int stride, int pad, int dilation) {
      int min = 0;
      int max = outSize - 1;
      for (int r = 0; r < Math.min(stride, size); r++) {
        for (int k = 0; k < kernel; k++) {
          int from = r + pad - k * dilation;
          if (Math.floorMod(from, stride) != 0) continue;
          int first = Math.floorDiv(from, stride);
          min = Math.min(min, first);
          max = Math.max(max, first + (size - 1 - r) / stride);
        }
      }
      return new Border(-min, max - min + 1);
    }
  }

  /** Floats of one image's padded output gradient: the chunk's working set this adds. */
  static long floatsPerImage(ConvGeometry g) {
    return (long) g.outChannels() * height(g).padded * width(g).padded;
  }

  /** The plan for {@code g} with input channels in panels of {@code inWidth} lanes, for chunks of images. */
  ConvInputGradient(ConvGeometry g, int inWidth, int imagesPerChunk) {
    in = g.inChannels();
    out = g.outChannels();
    taps = g.kernelHeight() * g.kernelWidth();
    inPlane = g.height() * g.width();
    outPlane = g.outHeight() * g.outWidth();
    this.inWidth = inWidth;
    panels = (in + inWidth - 1) / inWidth;
    Border bh = height(g);
    Border bw = width(g);
    padding = new PlanePadding(g.outHeight(), g.outWidth(), bh.before, bw.before, bh.padded, bw.padded,
        imagesPerChunk * out);
    int weightAt = 0;
    for (int rh = 0; rh < Math.min(g.strideHeight(), g.height()); rh++) {
      for (int rw = 0; rw < Math.min(g.strideWidth(), g.width()); rw++) {
        StrideClass c = strideClass(g, rh, rw, bh, bw, imagesPerChunk, weightAt);
        classes.add(c);
        weightAt += panels * c.loop.length * inWidth;
      }
    }
    packedLength = weightAt;
  }

  private static Border height(ConvGeometry g) {
    return Border.of(g.height(), g.outHeight(), g.kernelHeight(), g.strideHeight(), g.padHeight(),
        g.dilationHeight());
  }

  private static Border width(ConvGeometry g) {
    return Border.of(g.width(), g.outWidth(), g.kernelWidth(), g.strideWidth(), g.padWidth(), g.dilationWidth());
  }

  private StrideClass strideClass(ConvGeometry g, int rh, int rw, Border bh, Border bw, int images, int weightAt) {
    List<int[]> reached = new ArrayList<>(); // {tap, row offset, column offset} of each tap reaching the class
    for (int kh = 0; kh < g.kernelHeight(); kh++) {
      int fromH = rh + g.padHeight() - kh * g.dilationHeight();
      if (Math.floorMod(fromH, g.strideHeight()) != 0) continue;
      for (int kw = 0; kw < g.kernelWidth(); kw++) {
        int fromW = rw + g.padWidth() - kw * g.dilationWidth();
        if (Math.floorMod(fromW, g.strideWidth()) != 0) continue;
        reached.add(new int[] {kh * g.kernelWidth() + kw, Math.floorDiv(fromH, g.strideHeight()),
            Math.floorDiv(fromW, g.strideWidth())});
      }
    }
    int[] classTaps = new int[reached.size()];
    int[] loop = new int[reached.size() * out];
    int paddedPlane = bh.padded * bw.padded;
    for (int j = 0; j < reached.size(); j++) {
      int[] tap = reached.get(j);
      classTaps[j] = tap[0];
      for (int oc = 0; oc < out; oc++) loop[j * out + oc] = oc * paddedPlane + tap[1] * bw.padded + tap[2];
    }
    int rowsOfClass = (g.height() - 1 - rh) / g.strideHeight() + 1;
    int columnsOfClass = (g.width() - 1 - rw) / g.strideWidth() + 1;
    int perImage = rowsOfClass * columnsOfClass;
    int[] corners = new int[images * perImage];
    int[] dxAt = new int[images * perImage];
    for (int n = 0, m = 0; n < images; n++) {
      for (int qh = 0; qh < rowsOfClass; qh++) {
        for (int qw = 0; qw < columnsOfClass; qw++, m++) {
          corners[m] = n * out * paddedPlane + (qh + bh.before) * bw.padded + qw + bw.before;
          dxAt[m] = n * in * inPlane + (rh + qh * g.strideHeight()) * g.width() + rw + qw * g.strideWidth();
        }
      }
    }
    return new StrideClass(perImage, corners, dxAt, loop, classTaps, weightAt);
  }

  /** w [out][in][taps] laid out per class and panel of input channels as [steps][inWidth], zeros past in. */
  float[] pack(float[] w, int wOff) {
    float[] packed = StoragePool.take(packedLength);
    for (StrideClass c : classes) {
      int steps = c.loop.length;
      for (int panel = 0; panel < panels; panel++) {
        for (int step = 0; step < steps; step++) {
          int tap = c.taps[step / out];
          int oc = step % out;
          int dst = c.weightAt + (panel * steps + step) * inWidth;
          for (int l = 0; l < inWidth; l++) {
            int ch = panel * inWidth + l;
            packed[dst + l] = ch < in ? w[wOff + (oc * in + ch) * taps + tap] : 0f;
          }
        }
      }
    }
    return packed;
  }

  /** Floats of scratch {@link #run} needs for {@code images} images. */
  int scratchLength(int images) {
    return images * out * padding.paddedPlane;
  }

  /** Writes images n0..n0+nb-1 of dx in full from dy and the {@link #pack packed} weight. */
  void run(int n0, int nb, float[] dy, int dyOff, float[] packed, float[] dx, float[] scratch) {
    padding.copy(dy, dyOff + n0 * out * outPlane, nb * out, scratch, 0);
    float[] tile = new float[ROWS * inWidth];
    int dxBase = n0 * in * inPlane;
    for (StrideClass c : classes) {
      int rows = nb * c.pixelsPerImage;
      int steps = c.loop.length;
      for (int panel = 0; panel < panels; panel++) {
        int lanes = Math.min(inWidth, in - panel * inWidth);
        int weightAt = c.weightAt + panel * steps * inWidth;
        int base = dxBase + panel * inWidth * inPlane;
        for (int m0 = 0; m0 < rows; m0 += ROWS) {
          int tileRows = Math.min(ROWS, rows - m0);
          IndirectTile.tile(inWidth, scratch, 0, c.corners, m0, tileRows, c.loop, 0, steps, packed, weightAt, tile);
          store(tile, tileRows, lanes, c.dxAt, m0, base, dx);
        }
      }
    }
  }

  /** Writes a tile's rows (input pixels, channels as lanes) into dx [N, C, H, W]. */
  private void store(float[] tile, int rows, int lanes, int[] dxAt, int m0, int base, float[] dx) {
    for (int r = 0; r < rows; r++) {
      int at = base + dxAt[m0 + r];
      for (int l = 0; l < lanes; l++) dx[at + l * inPlane] = tile[r * inWidth + l];
    }
  }
}
