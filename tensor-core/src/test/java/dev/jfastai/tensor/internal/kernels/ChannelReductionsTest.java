package dev.jfastai.tensor.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batch norm's per-channel sums over strided runs: equal to a plain double sum within rounding, for run lengths
 * below, at and past whole vectors, and the same bits from the first call (interpreted) to the compiled code.
 */
class ChannelReductionsTest {
  private static final int RUNS = 7;

  @ParameterizedTest(name = "runs of {0}")
  @ValueSource(ints = {1, 4, 7, 8, 15, 16, 17, 49, 196})
  void matchPlainDoubleSums(int length) {
    int stride = length + 3;
    SplittableRandom random = new SplittableRandom(length);
    float[] a = values(random, 5 + RUNS * stride);
    float[] g = values(random, a.length);
    float mean = 0.25f;
    float invstd = 1.5f;
    double sum = 0;
    double squares = 0;
    double dot = 0;
    double gSum = 0;
    for (int r = 0; r < RUNS; r++) {
      for (int i = 0; i < length; i++) {
        int at = 5 + r * stride + i;
        sum += a[at];
        squares += (a[at] - (double) mean) * (a[at] - (double) mean);
        dot += g[at] * ((a[at] - mean) * invstd);
        gSum += g[at];
      }
    }
    double tolerance = 1e-14 * RUNS * length + 1e-12; // sums in another order
    // the path this JVM takes, then the scalar one, which JDKs before 25 and JVMs without the module take
    assertEquals(sum, ChannelReductions.sum(a, 5, length, stride, RUNS), tolerance);
    assertEquals(sum, ChannelReductions.scalarSum(a, 5, length, stride, RUNS), tolerance);
    assertEquals(squares, ChannelReductions.squaredDeviations(a, 5, length, stride, RUNS, mean), tolerance);
    assertEquals(squares, ChannelReductions.scalarSquaredDeviations(a, 5, length, stride, RUNS, mean), tolerance);
    double[] gradientSums = new double[2];
    ChannelReductions.gradientSums(g, 5, a, 5, length, stride, RUNS, mean, invstd, gradientSums);
    assertEquals(gSum, gradientSums[0], tolerance);
    assertEquals(dot, gradientSums[1], tolerance);
    ChannelReductions.scalarGradientSums(g, 5, a, 5, length, stride, RUNS, mean, invstd, gradientSums);
    assertEquals(gSum, gradientSums[0], tolerance);
    assertEquals(dot, gradientSums[1], tolerance);
  }

  @Test
  void giveTheSameBitsBeforeAndAfterTheJitCompilesThem() {
    SplittableRandom random = new SplittableRandom(7);
    float[] a = values(random, 64 * 49);
    double first = allThree(a);
    for (int call = 1; call <= 20_000; call++) {
      double again = allThree(a);
      if (call % 1_000 == 0) {
        assertEquals(Double.doubleToLongBits(first), Double.doubleToLongBits(again), "call " + call);
      }
    }
  }

  private static double allThree(float[] a) {
    double[] gradientSums = new double[2];
    ChannelReductions.gradientSums(a, 0, a, 3, 49, 64, 48, 0.1f, 2f, gradientSums);
    return ChannelReductions.sum(a, 3, 49, 64, 48) + ChannelReductions.squaredDeviations(a, 3, 49, 64, 48, 0.1)
        + gradientSums[0] + gradientSums[1];
  }

  private static float[] values(SplittableRandom random, int size) {
    float[] v = new float[size];
    for (int i = 0; i < size; i++) v[i] = (float) random.nextDouble(-1, 1);
    return v;
  }
}
