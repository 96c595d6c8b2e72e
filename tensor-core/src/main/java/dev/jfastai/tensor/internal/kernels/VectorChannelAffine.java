package dev.jfastai.tensor.internal.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link ChannelAffine} on the Vector API: each run a vector at a time, then its tail element by element. */
final class VectorChannelAffine {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  private VectorChannelAffine() {}

  static void affine(float[] x, int xFrom, float[] y, int yFrom, int length, int stride, int runs, float scale,
                     float shift) {
    int whole = length - length % LANES;
    for (int r = 0; r < runs; r++) {
      int xi = xFrom + r * stride;
      int yi = yFrom + r * stride;
      int i = 0;
      for (; i < whole; i += LANES) {
        FloatVector.fromArray(SPECIES, x, xi + i).mul(scale).add(shift).intoArray(y, yi + i);
      }
      for (; i < length; i++) y[yi + i] = x[xi + i] * scale + shift;
    }
  }

  static void inputGradient(float[] g, int gFrom, float[] x, int xFrom, float[] dx, int dxFrom, int length,
                            int stride, int runs, float mean, float invstd, float scale, float meanG,
                            float meanGxhat) {
    int whole = length - length % LANES;
    for (int r = 0; r < runs; r++) {
      int gi = gFrom + r * stride;
      int xi = xFrom + r * stride;
      int di = dxFrom + r * stride;
      int i = 0;
      for (; i < whole; i += LANES) {
        FloatVector xhat = FloatVector.fromArray(SPECIES, x, xi + i).sub(mean).mul(invstd);
        FloatVector.fromArray(SPECIES, g, gi + i).sub(meanG).sub(xhat.mul(meanGxhat)).mul(scale)
            .intoArray(dx, di + i);
      }
      for (; i < length; i++) {
        float xhat = (x[xi + i] - mean) * invstd;
        dx[di + i] = scale * (g[gi + i] - meanG - xhat * meanGxhat);
      }
    }
  }

  /**
   * {@link FlatChannels}' input gradient over one image's block, per-position parameters: the whole vectors of
   * {@code length}; returns where the scalar tail starts.
   */
  static int inputGradient(float[] g, int gFrom, float[] x, int xFrom, float[] dx, int dxFrom, int length,
                           float[] mean, float[] invstd, float[] scale, float[] meanG, float[] meanGxhat) {
    int whole = length - length % LANES;
    for (int j = 0; j < whole; j += LANES) {
      FloatVector xhat = FloatVector.fromArray(SPECIES, x, xFrom + j).sub(FloatVector.fromArray(SPECIES, mean, j))
          .mul(FloatVector.fromArray(SPECIES, invstd, j));
      FloatVector.fromArray(SPECIES, g, gFrom + j).sub(FloatVector.fromArray(SPECIES, meanG, j))
          .sub(xhat.mul(FloatVector.fromArray(SPECIES, meanGxhat, j))).mul(FloatVector.fromArray(SPECIES, scale, j))
          .intoArray(dx, dxFrom + j);
    }
    return whole;
  }
}
