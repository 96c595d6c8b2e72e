package dev.jfastai.tensor.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The branch-free relu gradient against the plain rule {@code x > 0 ? g : 0}, bit for bit, on every kind of x. */
class ReluGradientTest {
  private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1f, -1f,
      Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
      Float.intBitsToFloat(0xffc00000), Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xff800001)};

  @Test
  void matchesTheBranchingRuleBitForBit() {
    Random random = new Random(5);
    int n = SPECIAL.length * SPECIAL.length + 1000;
    float[] x = new float[n + 3];
    float[] g = new float[n + 2];
    for (int i = 0; i < SPECIAL.length * SPECIAL.length; i++) {
      x[3 + i] = SPECIAL[i / SPECIAL.length];
      g[2 + i] = SPECIAL[i % SPECIAL.length];
    }
    for (int i = SPECIAL.length * SPECIAL.length; i < n; i++) {
      x[3 + i] = Float.intBitsToFloat(random.nextInt());
      g[2 + i] = (float) random.nextGaussian();
    }
    float[] out = new float[n];
    new Relu().gradient(x, 3, g, 2, out);
    for (int i = 0; i < n; i++) {
      float expected = x[3 + i] > 0f ? g[2 + i] : 0f;
      assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(out[i]),
          "x = " + x[3 + i] + ", g = " + g[2 + i]);
    }
  }
}
