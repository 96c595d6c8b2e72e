package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The seeded generator and the random tensor factories built on it: reproducible, resumable, well spread. */
class GeneratorTest {
  /** The first outputs of the reference SplitMix64 (Vigna's splitmix64.c) seeded with 0. */
  @Test
  void followsTheReferenceSplitMix64Sequence() {
    Generator g = new Generator(0);
    assertEquals(0xe220a8397b1dcdafL, g.nextLong());
    assertEquals(0x6e789e6aa1b965f4L, g.nextLong());
    assertEquals(0x06c45d188009454fL, g.nextLong());
  }

  @Test
  void sameSeedSameSequenceOfEveryKind() {
    Generator a = new Generator(1234);
    Generator b = new Generator(1234);
    for (int i = 0; i < 100; i++) {
      assertEquals(a.nextLong(), b.nextLong());
      assertEquals(a.nextFloat(), b.nextFloat());
      assertEquals(a.nextDouble(), b.nextDouble());
      assertEquals(a.nextInt(17), b.nextInt(17));
      assertEquals(a.nextGaussian(), b.nextGaussian());
    }
    assertArrayEquals(a.permutation(50), b.permutation(50));
    assertFalse(Arrays.equals(new Generator(1).permutation(1000), new Generator(2).permutation(1000)));
  }

  @Test
  void savedStateResumesTheExactSequence() {
    Generator g = new Generator(99);
    g.nextGaussian();
    g.permutation(10);
    long saved = g.state();
    float[] expected = drawMixed(g);
    Generator resumed = new Generator(0);
    resumed.setState(saved);
    assertArrayEquals(expected, drawMixed(resumed));
    g.setState(saved);
    assertArrayEquals(expected, drawMixed(g), "restoring the same generator rewinds it");
  }

  private static float[] drawMixed(Generator g) {
    float[] v = new float[40];
    for (int i = 0; i < v.length; i += 4) {
      v[i] = g.nextFloat();
      v[i + 1] = g.nextGaussian();
      v[i + 2] = g.nextInt(1000);
      v[i + 3] = (float) g.nextDouble();
    }
    return v;
  }

  @Test
  void permutationIsAPermutation() {
    Generator g = new Generator(7);
    for (int n : new int[] {0, 1, 2, 3, 10, 1000, 12396}) {
      int[] p = g.permutation(n);
      assertEquals(n, p.length);
      int[] sorted = p.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < n; i++) assertEquals(i, sorted[i], "permutation(" + n + ") misses " + i);
    }
  }

  @Test
  void permutationMovesEveryPositionAroundUniformly() {
    Generator g = new Generator(11);
    int n = 5;
    int trials = 20000;
    int[][] counts = new int[n][n];
    for (int t = 0; t < trials; t++) {
      int[] p = g.permutation(n);
      for (int i = 0; i < n; i++) counts[i][p[i]]++;
    }
    double expected = trials / (double) n; // 4000, standard deviation ~57
    for (int[] row : counts) for (int c : row) assertEquals(expected, c, 300, "position counts "
        + Arrays.deepToString(counts));
  }

  @Test
  void uniformDrawsStayInRange() {
    Generator g = new Generator(5);
    for (int i = 0; i < 100_000; i++) {
      float f = g.nextFloat();
      double d = g.nextDouble();
      int k = g.nextInt(7);
      assertTrue(f >= 0f && f < 1f, "nextFloat " + f);
      assertTrue(d >= 0.0 && d < 1.0, "nextDouble " + d);
      assertTrue(k >= 0 && k < 7, "nextInt " + k);
    }
    assertThrows(IllegalArgumentException.class, () -> g.nextInt(0));
  }

  @Test
  void randHasUniformMoments() {
    float[] v = Tensor.rand(new Generator(3), 400, 250).toFloatArray();
    assertEquals(100_000, v.length);
    for (float x : v) assertTrue(x >= 0f && x < 1f, "rand value " + x);
    // n = 1e5: the standard errors are ~9e-4 (mean) and ~3e-4 (variance); the bounds are ~10 of them.
    assertEquals(0.5, mean(v), 0.01);
    assertEquals(1.0 / 12, variance(v), 0.003);
  }

  @Test
  void randnHasNormalMoments() {
    float[] v = Tensor.randn(new Generator(4), 100_000).toFloatArray();
    assertEquals(0.0, mean(v), 0.02);
    assertEquals(1.0, variance(v), 0.03);
    long within1 = 0;
    for (float x : v) if (Math.abs(x) < 1) within1++;
    assertEquals(0.6827, within1 / 1e5, 0.01, "share within one standard deviation");
  }

  @Test
  void uniformHasItsRangeAndMean() {
    float[] v = Tensor.uniform(new Generator(6), -2f, 3f, 1000, 100).toFloatArray();
    for (float x : v) assertTrue(x >= -2f && x < 3f, "uniform value " + x);
    assertEquals(0.5, mean(v), 0.05);
    assertEquals(25.0 / 12, variance(v), 0.07);
  }

  @Test
  void randomTensorsAreReproducibleFromTheSeed() {
    assertArrayEquals(Tensor.randn(new Generator(8), 3, 4).toFloatArray(), Tensor.randn(new Generator(8), 3,
        4).toFloatArray());
    assertArrayEquals(Tensor.rand(new Generator(8), 5).toFloatArray(), Tensor.rand(new Generator(8), 5).toFloatArray());
    assertFalse(Arrays.equals(Tensor.rand(new Generator(8), 5).toFloatArray(), Tensor.rand(new Generator(9),
        5).toFloatArray()));
    Generator g = new Generator(10);
    assertFalse(Arrays.equals(Tensor.rand(g, 5).toFloatArray(), Tensor.rand(g, 5).toFloatArray()),
        "a generator advances: two draws differ");
    assertArrayEquals(new int[] {3, 4}, Tensor.randn(new Generator(1), 3, 4).shape());
  }

  private static double mean(float[] v) {
    double s = 0;
    for (float x : v) s += x;
    return s / v.length;
  }

  private static double variance(float[] v) {
    double m = mean(v);
    double s = 0;
    for (float x : v) s += (x - m) * (x - m);
    return s / v.length;
  }
}
