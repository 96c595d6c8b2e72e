package dev.jfastai.tensor.internal.kernels;

import dev.jfastai.tensor.internal.StoragePool;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * 2-d convolution (one group) on the Vector API without a column matrix. Each chunk of images is copied once into
 * planes with a zero border of the padding's width; the convolution's column matrix is then read in place through
 * offset tables ({@link IndirectTile}): element (output pixel m; channel c, tap t) is {@code xp[pixel(m) + tap(c,
 * t)]}, so no padding branch and no im2col copy. Channels are vector lanes, in panels of half a vector (up to 8
 * channels, where vectors have 16 lanes), one vector or two.
 * <ul>
 *   <li>forward: rows are output pixels, the sum runs over channels x taps against the packed weight;
 *   <li>weight gradient: rows are channels x taps, the sum runs over the chunk's pixels against the output gradient
 *       transposed to panels of output channels;
 *   <li>input gradient: a convolution of the output gradient that gathers each input pixel's sum
 *       ({@link ConvInputGradient}).
 * </ul>
 * Every sum runs in a fixed order, so results do not depend on the thread count or the JIT.
 */
final class DirectConv {
  private static final int LANES = IndirectTile.LANES;
  private static final int ROWS = IndirectTile.ROWS;
  /** Scratch slots: the padded input, the transposed output gradient, the padded output gradient. */
  private static final int INPUT = 0;
  private static final int GRADIENT = 1;
  private static final int PADDED_GRADIENT = 2;
  private static final int PLANS_KEPT = 64;
  private static final Map<Key, DirectConv> PLANS = new ConcurrentHashMap<>();

  private final ConvGeometry g;
  private final int in;
  private final int out;
  private final int taps;
  /** Rows of the virtual column matrix: input channels x taps, w's order. */
  private final int k;
  private final int pixels;
  private final int paddedWidth;
  private final int paddedPlane;
  private final int outWidth;
  private final int outPad;
  private final ConvChunks chunks;
  private final PlanePadding inputPadding;
  /** The input gradient's plan; null in a plan made without it. */
  private final ConvInputGradient inputGradient;
  /** Offset in the padded input of channel x tap (c * taps + t), from an output pixel's top-left corner. */
  private final int[] inputTaps;
  /** Per output pixel of a chunk (image-major): its top-left corner in the chunk's padded input. */
  private final int[] inputPixels;
  /**
   * Whether the forward stages a chunk's output and stores it a channel plane at a time, each vector of a plane
   * gathered from the staged rows: for planes of two vectors or more (smaller ones were slower that way). Without
   * {@link Gemm#FULL_VECTOR_JIT}, with plain loops, only for narrow panels of large planes, the one case where
   * that paid. Measured in bench/README.md.
   */
  private final boolean stagedStores;
  /** Stores a staged panel of the output a channel plane at a time. */
  private final StagedPlanes planes;
  /** Per output pixel of a chunk: its row in a panel of the transposed output gradient. */
  private final int[] gradientRows;
  /** Per output pixel of a chunk: its offset in channel 0 of the chunk's output (no division per pixel). */
  private final int[] outputPixels;

  private record Key(ConvGeometry g, boolean inputGradient) {}

  /** The plan for {@code g}, made once per geometry: its chunks count the input gradient's buffer when wanted. */
  static DirectConv plan(ConvGeometry g, boolean inputGradient) {
    if (PLANS.size() > PLANS_KEPT) PLANS.clear();
    return PLANS.computeIfAbsent(new Key(g, inputGradient), key -> new DirectConv(g, inputGradient));
  }

  private DirectConv(ConvGeometry g, boolean inputGradient) {
    this.g = g;
    in = g.inChannels();
    out = g.outChannels();
    taps = g.kernelHeight() * g.kernelWidth();
    k = in * taps;
    pixels = g.outHeight() * g.outWidth();
    paddedWidth = g.width() + 2 * g.padWidth();
    paddedPlane = (g.height() + 2 * g.padHeight()) * paddedWidth;
    outWidth = panelWidth(out);
    outPad = roundUp(out, outWidth);
    stagedStores = Gemm.FULL_VECTOR_JIT ? pixels >= 2 * LANES : outWidth < LANES && pixels >= 64;
    planes = new StagedPlanes(outWidth, pixels);
    long perImage = (long) paddedPlane * in + (long) pixels * outPad
        + (inputGradient ? ConvInputGradient.floatsPerImage(g) : 0);
    chunks = new ConvChunks(g, perImage);
    inputPadding = new PlanePadding(g.height(), g.width(), g.padHeight(), g.padWidth(),
        g.height() + 2 * g.padHeight(), paddedWidth, chunks.imagesPerChunk * in);
    this.inputGradient = inputGradient ? new ConvInputGradient(g, panelWidth(in), chunks.imagesPerChunk) : null;
    inputTaps = new int[k];
    for (int c = 0; c < in; c++) {
      for (int i = 0; i < g.kernelHeight(); i++) {
        for (int j = 0; j < g.kernelWidth(); j++) {
          inputTaps[(c * g.kernelHeight() + i) * g.kernelWidth() + j] =
              c * paddedPlane + i * g.dilationHeight() * paddedWidth + j * g.dilationWidth();
        }
      }
    }
    int rows = chunks.imagesPerChunk * pixels;
    inputPixels = new int[rows];
    gradientRows = new int[rows];
    outputPixels = new int[rows];
    for (int m = 0; m < rows; m++) {
      int p = m % pixels;
      int corner = p / g.outWidth() * g.strideHeight() * paddedWidth + p % g.outWidth() * g.strideWidth();
      inputPixels[m] = m / pixels * in * paddedPlane + corner;
      gradientRows[m] = m * outWidth;
      outputPixels[m] = m / pixels * out * pixels + p;
    }
  }

  /** Floats of the whole batch's padded input, which a forward may keep for the weight gradient. */
  int paddedLength() {
    return g.batch() * in * paddedPlane;
  }

  /**
   * Writes y [N, OC, OH, OW] in full: the convolution of x with w, plus b[oc] when {@code b} is not null. With
   * {@code keep} ({@link #paddedLength} floats) the padded input is left there for {@link #backward}.
   */
  void forward(float[] x, int xOff, float[] w, int wOff, float[] b, int bOff, float[] y, float[] keep) {
    float[] packed = packWeight(w, wOff);
    float[] bias = new float[outPad];
    if (b != null) System.arraycopy(b, bOff, bias, 0, out);
    // one way through the chunks: without a buffer to keep (evaluation), a pooled one of the same size, so the first
    // validation pass does not meet a branch that C2 compiled the training steps without
    float[] xp = keep != null ? keep : StoragePool.take(paddedLength());
    chunks.run((part, n0, nb) -> {
      ConvScratch s = ConvScratch.get();
      int xpAt = n0 * in * paddedPlane;
      pad(x, xOff, n0, nb, xp, xpAt);
      float[] tile = new float[ROWS * outWidth];
      int rowsInChunk = nb * pixels;
      float[] staged = stagedStores ? s.floats(GRADIENT, rowsInChunk * outWidth) : null;
      for (int panel = 0; panel * outWidth < out; panel++) {
        for (int m0 = 0; m0 < rowsInChunk; m0 += ROWS) {
          int rows = Math.min(ROWS, rowsInChunk - m0);
          IndirectTile.tile(outWidth, xp, xpAt, inputPixels, m0, rows, inputTaps, 0, k, packed, panel * k * outWidth,
              tile);
          if (stagedStores) {
            System.arraycopy(tile, 0, staged, m0 * outWidth, rows * outWidth);
          } else {
            storeTile(tile, panel, n0, m0, rows, bias, y);
          }
        }
        if (stagedStores) {
          planes.store(staged, nb, Math.min(outWidth, out - panel * outWidth), bias, panel * outWidth, y,
              (n0 * out + panel * outWidth) * pixels, out);
        }
      }
    });
    StoragePool.release(packed);
    if (xp != keep) StoragePool.release(xp);
  }

  /**
   * Writes a tile's rows (output pixels m0.. of the chunk that starts at image n0) of one panel of output channels
   * into y, adding the bias. A method of its own, called per tile: its loops get a normal compile instead of
   * loop-entry (OSR) ones inside the caller's.
   */
  private void storeTile(float[] tile, int panel, int n0, int m0, int rows, float[] bias, float[] y) {
    int lanes = Math.min(outWidth, out - panel * outWidth);
    int panelAt = (n0 * out + panel * outWidth) * pixels;
    for (int r = 0; r < rows; r++) {
      int at = panelAt + outputPixels[m0 + r];
      for (int l = 0; l < lanes; l++) y[at + l * pixels] = tile[r * outWidth + l] + bias[panel * outWidth + l];
    }
  }

  /**
   * Writes in full each requested gradient (null: not wanted): dx like x, dw like w. {@code padded}, when not null,
   * is what a forward of the same x kept, so the weight gradient does not pad x again.
   */
  void backward(float[] x, int xOff, float[] w, int wOff, float[] dy, int dyOff, float[] dx, float[] dw,
                float[] padded) {
    float[][] partialDw = new float[chunks.parts][];
    for (int p = 0; dw != null && p < chunks.parts; p++) {
      partialDw[p] = StoragePool.take(k * outPad);
      Arrays.fill(partialDw[p], 0f);
    }
    float[] byInput = dx == null ? null : inputGradient.pack(w, wOff);
    chunks.run((part, n0, nb) -> {
      ConvScratch s = ConvScratch.get();
      int rowsInChunk = nb * pixels;
      if (dw != null) {
        float[] dyt = s.floats(GRADIENT, outPad * rowsInChunk);
        transposeGradient(dy, dyOff, n0, nb, dyt);
        weightGradient(x, xOff, n0, nb, dyt, partialDw[part], s, padded);
      }
      if (dx != null) {
        inputGradient.run(n0, nb, dy, dyOff, byInput, dx, s.floats(PADDED_GRADIENT, inputGradient.scratchLength(nb)));
      }
    });
    if (byInput != null) StoragePool.release(byInput);
    if (dw != null) {
      for (int oc = 0; oc < out; oc++) {
        for (int c = 0; c < in; c++) {
          for (int t = 0; t < taps; t++) {
            int at = (c * taps + t) * outPad + oc;
            float sum = partialDw[0][at];
            for (int p = 1; p < chunks.parts; p++) sum += partialDw[p][at];
            dw[(oc * in + c) * taps + t] = sum;
          }
        }
      }
      for (float[] partial : partialDw) StoragePool.release(partial);
    }
  }

  /** Adds this chunk's dW, laid out [k][outPad], into {@code sums}. */
  private void weightGradient(float[] x, int xOff, int n0, int nb, float[] dyt, float[] sums, ConvScratch s,
                              float[] padded) {
    float[] xp = padded;
    int xpAt = n0 * in * paddedPlane;
    if (padded == null) {
      xp = s.floats(INPUT, nb * in * paddedPlane);
      xpAt = 0;
      pad(x, xOff, n0, nb, xp, 0);
    }
    float[] tile = new float[ROWS * outWidth];
    int rowsInChunk = nb * pixels;
    for (int panel = 0; panel * outWidth < out; panel++) {
      for (int k0 = 0; k0 < k; k0 += ROWS) {
        int rows = Math.min(ROWS, k - k0);
        IndirectTile.tile(outWidth, xp, xpAt, inputTaps, k0, rows, inputPixels, 0, rowsInChunk, dyt,
            panel * rowsInChunk * outWidth, tile);
        for (int r = 0; r < rows; r++) {
          int at = (k0 + r) * outPad + panel * outWidth;
          for (int l = 0; l < outWidth; l++) sums[at + l] += tile[r * outWidth + l];
        }
      }
    }
  }

  /** Images n0..n0+nb-1 of x with a zero border of the padding's width: [nb][in][Hp][Wp] at xp[xpAt..]. */
  private void pad(float[] x, int xOff, int n0, int nb, float[] xp, int xpAt) {
    inputPadding.copy(x, xOff + n0 * in * g.height() * g.width(), nb * in, xp, xpAt);
  }

  /**
   * dy of images n0..n0+nb-1 as panels of output channels: [outPad / outWidth][nb * pixels][outWidth]. Lanes past
   * the last channel keep whatever the buffer held: only the weight gradient reads this, and its sums for those
   * lanes are never read (zeroing them was a branch that C2 once compiled away and then met, mid-epoch).
   */
  private void transposeGradient(float[] dy, int dyOff, int n0, int nb, float[] dyt) {
    int rowsInChunk = nb * pixels;
    for (int panel = 0; panel * outWidth < out; panel++) {
      int lanes = Math.min(outWidth, out - panel * outWidth);
      int base = panel * rowsInChunk * outWidth;
      for (int n = 0; n < nb; n++) {
        for (int l = 0; l < lanes; l++) {
          int dst = base + n * pixels * outWidth + l;
          int src = dyOff + ((n0 + n) * out + panel * outWidth + l) * pixels;
          for (int p = 0; p < pixels; p++) dyt[dst + p * outWidth] = dy[src + p];
        }
      }
    }
  }

  /** w [out][in * taps] as panels of output channels: [outPad / outWidth][in * taps][outWidth], zeros past out. */
  private float[] packWeight(float[] w, int wOff) {
    float[] packed = StoragePool.take(outPad * k);
    for (int panel = 0; panel * outWidth < out; panel++) {
      for (int row = 0; row < k; row++) {
        int dst = (panel * k + row) * outWidth;
        for (int l = 0; l < outWidth; l++) {
          int oc = panel * outWidth + l;
          packed[dst + l] = oc < out ? w[wOff + oc * k + row] : 0f;
        }
      }
    }
    return packed;
  }

  /** Half a vector of lanes for that many channels or fewer (where there is a half kernel), one vector, else two. */
  private static int panelWidth(int channels) {
    if (channels <= IndirectTile.HALF_LANES && IndirectTile.HALF_LANES < LANES) return IndirectTile.HALF_LANES;
    return channels <= LANES ? LANES : 2 * LANES;
  }

  private static int roundUp(int n, int multiple) {
    return (n + multiple - 1) / multiple * multiple;
  }
}
