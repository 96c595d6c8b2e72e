package dev.jfastai.tensor.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batch norm's element passes over strided runs give exactly the bits of the scalar expressions, for run lengths
 * below, at and past whole vectors, and leave the gaps between runs alone.
 */
class ChannelAffineTest {
  private static final int RUNS = 5;

  @ParameterizedTest(name = "runs of {0}")
  @ValueSource(ints = {1, 4, 8, 15, 16, 17, 49, 196})
  void matchTheScalarExpressionsBitForBit(int length) {
    int stride = length + 2;
    SplittableRandom random = new SplittableRandom(length);
    float[] x = values(random, 3 + RUNS * stride);
    float[] g = values(random, x.length);
    float[] y = new float[x.length];
    float[] dx = new float[x.length];
    Arrays.fill(y, 42f);
    Arrays.fill(dx, 42f);
    ChannelAffine.affine(x, 3, y, 3, length, stride, RUNS, 1.7f, -0.3f);
    ChannelAffine.inputGradient(g, 3, x, 3, dx, 3, length, stride, RUNS, 0.1f, 2.5f, 0.8f, 0.05f, -0.2f);
    for (int i = 0; i < x.length; i++) {
      boolean inRun = i >= 3 && (i - 3) % stride < length && (i - 3) / stride < RUNS;
      float expectedY = inRun ? x[i] * 1.7f + -0.3f : 42f;
      float xhat = (x[i] - 0.1f) * 2.5f;
      float expectedDx = inRun ? 0.8f * (g[i] - 0.05f - xhat * -0.2f) : 42f;
      assertEquals(Float.floatToRawIntBits(expectedY), Float.floatToRawIntBits(y[i]), "y at " + i);
      assertEquals(Float.floatToRawIntBits(expectedDx), Float.floatToRawIntBits(dx[i]), "dx at " + i);
    }
  }

  private static float[] values(SplittableRandom random, int size) {
    float[] v = new float[size];
    for (int i = 0; i < size; i++) v[i] = (float) random.nextDouble(-1, 1);
    return v;
  }
}
