package dev.jfastai.tensor.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** VectorDotGemm against the scalar GEMM on A·Bᵀ, with every tail: rows not a multiple of 4 or 3, k of the lanes. */
class VectorDotGemmTest {
  @ParameterizedTest(name = "m={0} n={1} k={2} accumulate={3}")
  @CsvSource({"8, 25, 2548, false", "7, 5, 33, true", "1, 1, 1, false", "16, 72, 900, true", "5, 4, 15, false"})
  void matchesTheScalarGemm(int m, int n, int k, boolean accumulate) {
    SplittableRandom random = new SplittableRandom(m * 31L + n * 7L + k);
    float[] a = values(random, m * k + 3);
    float[] b = values(random, n * k + 5);
    float[] c = values(random, m * n + 2);
    float[] want = c.clone();
    ScalarGemm.gemm(false, true, m, n, k, a, 3, b, 5, want, 2, accumulate);
    VectorDotGemm.gemm(m, n, k, a, 3, b, 5, c, 2, accumulate);
    for (int i = 0; i < c.length; i++) {
      assertEquals(want[i], c[i], 1e-5 * Math.sqrt(k) * 2, "element " + i);
    }
  }

  /**
   * The first calls run interpreted, the last ones compiled by C2: every call must give the bits of the first. With
   * {@code reduceLanes(ADD)}, whose order C2 and the interpreter choose differently, a conv's weight gradient (and so
   * a whole training run) depended on when the JIT compiled this kernel.
   */
  @Test
  void givesTheSameBitsBeforeAndAfterTheJitCompilesIt() {
    SplittableRandom random = new SplittableRandom(42);
    int m = 4;
    int n = 3;
    int k = 997;
    float[] a = values(random, m * k);
    float[] b = values(random, n * k);
    float[] first = new float[m * n];
    VectorDotGemm.gemm(m, n, k, a, 0, b, 0, first, 0, false);
    float[] c = new float[m * n];
    for (int call = 1; call <= 40_000; call++) {
      VectorDotGemm.gemm(m, n, k, a, 0, b, 0, c, 0, false);
      if (call % 2_000 == 0) assertArrayEquals(first, c, "call " + call);
    }
  }

  private static float[] values(SplittableRandom random, int size) {
    float[] v = new float[size];
    for (int i = 0; i < size; i++) v[i] = (float) random.nextDouble(-1, 1);
    return v;
  }
}
