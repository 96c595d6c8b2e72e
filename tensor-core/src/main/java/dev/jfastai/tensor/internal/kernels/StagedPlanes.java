package dev.jfastai.tensor.internal.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * Writes rows of channels (a staged tile output, {@code [image][pixel][width]}) into NCHW planes a channel plane at a
 * time, so the stores run along the planes; with {@link Gemm#FULL_VECTOR_JIT} each vector of a plane is gathered from
 * {@code LANES} staged rows (the scalar reads down a staged column were a third of the first layer's forward).
 */
final class StagedPlanes {
  private static final int LANES = IndirectTile.LANES;

  private final int width;
  private final int pixels;
  /** Offsets of a vector's worth of consecutive pixels' rows. */
  private final int[] rows = new int[LANES];

  /** Staged rows {@code width} floats apart, {@code pixels} per image and plane. */
  StagedPlanes(int width, int pixels) {
    this.width = width;
    this.pixels = pixels;
    for (int i = 0; i < LANES; i++) rows[i] = i * width;
  }

  /**
   * For images 0..images-1 of {@code staged} and their first {@code lanes} channels: plane l of image n plus
   * {@code bias[biasAt + l]} goes to {@code y[yAt + (n * channels + l) * pixels ..]}.
   */
  void store(float[] staged, int images, int lanes, float[] bias, int biasAt, float[] y, int yAt, int channels) {
    for (int n = 0; n < images; n++) {
      for (int l = 0; l < lanes; l++) {
        float b = bias[biasAt + l];
        int dst = yAt + (n * channels + l) * pixels;
        int src = n * pixels * width + l;
        int p = 0;
        if (Gemm.FULL_VECTOR_JIT) {
          for (; p <= pixels - LANES; p += LANES) {
            FloatVector.fromArray(IndirectTile.SPECIES, staged, src + p * width, rows, 0).add(b)
                .intoArray(y, dst + p);
          }
        }
        for (; p < pixels; p++) y[dst + p] = staged[src + p * width] + b;
      }
    }
  }
}
