package dev.jfastai.tensor.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The Vector API loops give the plain loops' bits, special values and the scalar tail included. */
class VectorElementwiseTest {
  private static final float[] SPECIAL = {0f, -0f, Float.NaN, -Float.NaN, Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, 1f, -1f, 3.5e-39f, -2.5f, 7f};

  @Test
  void reluMatchesMathMax() {
    assumeTrue(Gemm.VECTOR, "the Vector API kernels need --add-modules jdk.incubator.vector");
    float[] x = inputs();
    float[] out = new float[x.length + 2];
    VectorElementwise.relu(x, 1, out, 2, x.length - 1);
    for (int i = 0; i < x.length - 1; i++) {
      assertEquals(Float.floatToRawIntBits(Math.max(x[i + 1], 0f)), Float.floatToRawIntBits(out[i + 2]),
          "relu(" + x[i + 1] + ")");
    }
  }

  @Test
  void reluGradientPassesOnlyWhereTheInputIsPositive() {
    assumeTrue(Gemm.VECTOR, "the Vector API kernels need --add-modules jdk.incubator.vector");
    float[] s = inputs();
    float[] g = new float[s.length];
    for (int i = 0; i < g.length; i++) g[i] = i + 0.5f;
    float[] out = new float[s.length];
    VectorElementwise.reluGradient(s, 0, g, 0, out, 0, s.length);
    for (int i = 0; i < s.length; i++) {
      assertEquals(s[i] > 0f ? g[i] : 0f, out[i], "gradient at input " + s[i]);
      if (!(s[i] > 0f)) assertEquals(0, Float.floatToRawIntBits(out[i]), "+0 at input " + s[i]);
    }
  }

  @Test
  void addScaledRoundsLikeThePlainLoop() {
    assumeTrue(Gemm.VECTOR, "the Vector API kernels need --add-modules jdk.incubator.vector");
    java.util.Random random = new java.util.Random(7);
    float[] t = new float[70];
    float[] x = new float[70];
    for (int i = 0; i < t.length; i++) {
      t[i] = random.nextFloat() * 4 - 2;
      x[i] = random.nextFloat() * 4 - 2;
    }
    float[] expected = t.clone();
    for (int i = 0; i < 67; i++) expected[i + 1] += -0.1f * x[i + 3];
    VectorElementwise.addScaled(t, 1, -0.1f, x, 3, 67);
    for (int i = 0; i < t.length; i++) assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(t[i]),
        "at " + i);
  }

  /** Every special value at every lane position, with a scalar tail after the last whole vector. */
  private static float[] inputs() {
    float[] x = new float[5 * 16 + 3];
    for (int i = 0; i < x.length; i++) x[i] = SPECIAL[(i * 7) % SPECIAL.length];
    return x;
  }
}
