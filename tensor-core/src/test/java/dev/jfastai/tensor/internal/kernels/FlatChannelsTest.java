package dev.jfastai.tensor.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Batch norm's flat passes for small planes: the sums agree with the per-channel ones ({@link ChannelReductions}), the
 * element passes give exactly the bits of the scalar expressions, and one thread gives the same bits as all.
 */
class FlatChannelsTest {
  @ParameterizedTest(name = "[{0}, {1}, {2}]")
  @CsvSource({"37, 10, 1", "600, 64, 4", "9, 3, 15", "1, 17, 12", "64, 5, 7"})
  void matchThePerChannelPassesAndDoNotDependOnThreads(int batch, int channels, int inner) throws Exception {
    SplittableRandom random = new SplittableRandom(batch * 31L + inner);
    float[] x = values(random, 3 + batch * channels * inner);
    float[] g = values(random, x.length);
    float[] mean = values(random, channels);
    float[] invstd = values(random, channels);
    float[] scale = values(random, channels);
    float[] shift = values(random, channels);
    float[] meanG = values(random, channels);
    float[] meanGxhat = values(random, channels);
    double[][] all = run(x, g, batch, channels, inner, mean, invstd, scale, shift, meanG, meanGxhat);
    double[][] one = new ForkJoinPool(1).submit(() -> run(x, g, batch, channels, inner, mean, invstd, scale, shift,
        meanG, meanGxhat)).get();
    for (int k = 0; k < all.length; k++) assertArrayEquals(all[k], one[k], "result " + k);

    int stride = channels * inner;
    for (int c = 0; c < channels; c++) {
      int from = 3 + c * inner;
      double sum = ChannelReductions.sum(x, from, inner, stride, batch);
      double[] sums = new double[2];
      ChannelReductions.gradientSums(g, from, x, from, inner, stride, batch, mean[c], invstd[c], sums);
      assertEquals(sum, all[0][c], 1e-12 * (1 + Math.abs(sum)), "sum of channel " + c);
      double squares = ChannelReductions.squaredDeviations(x, from, inner, stride, batch, mean[c]);
      assertEquals(squares, all[1][c], 1e-12 * squares, "squared deviations of channel " + c);
      assertEquals(sums[0], all[2][c], 1e-12 * (1 + Math.abs(sums[0])), "sum of g, channel " + c);
      assertEquals(sums[1], all[3][c], 1e-12 * (1 + Math.abs(sums[1])), "sum of g xhat, channel " + c);
    }
    for (int i = 0; i < batch * stride; i++) {
      int c = i % stride / inner;
      float xi = x[3 + i];
      float xhat = (xi - mean[c]) * invstd[c];
      float dx = scale[c] * (g[3 + i] - meanG[c] - xhat * meanGxhat[c]);
      assertEquals(Float.floatToRawIntBits(xi * scale[c] + shift[c]), Float.floatToRawIntBits((float) all[4][i]),
          "y at " + i);
      assertEquals(Float.floatToRawIntBits(dx), Float.floatToRawIntBits((float) all[5][i]), "dx at " + i);
    }
  }

  /** Sums, squared deviations, sum of g, sum of g xhat (per channel), then y and dx (per element). */
  private static double[][] run(float[] x, float[] g, int batch, int channels, int inner, float[] mean,
                                float[] invstd, float[] scale, float[] shift, float[] meanG, float[] meanGxhat) {
    double[] means = new double[channels];
    for (int c = 0; c < channels; c++) means[c] = mean[c];
    double[] sumG = new double[channels];
    double[] sumGxhat = new double[channels];
    FlatChannels.gradientSums(g, 3, x, 3, batch, channels, inner, mean, invstd, sumG, sumGxhat);
    float[] y = new float[batch * channels * inner];
    float[] dx = new float[y.length];
    FlatChannels.affine(x, 3, y, 0, batch, channels, inner, scale, shift);
    FlatChannels.inputGradient(g, 3, x, 3, dx, batch, channels, inner, mean, invstd, scale, meanG, meanGxhat);
    return new double[][] {FlatChannels.sums(x, 3, batch, channels, inner),
        FlatChannels.squaredDeviations(x, 3, batch, channels, inner, means), sumG, sumGxhat, widen(y), widen(dx)};
  }

  private static double[] widen(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) out[i] = values[i];
    return out;
  }

  private static float[] values(SplittableRandom random, int size) {
    float[] out = new float[size];
    for (int i = 0; i < size; i++) out[i] = (float) (random.nextDouble() * 4 - 2);
    return out;
  }
}
