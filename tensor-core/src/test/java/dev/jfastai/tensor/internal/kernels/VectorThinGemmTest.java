package dev.jfastai.tensor.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The thin-product paths give the same bits as the blocked micro-kernels they stand in for, on every layout, with
 * and without accumulation, across k blocks, a lone row and vector tails (GemmTest checks both against exact sums).
 */
class VectorThinGemmTest {
  private static final int[] OTHER = {1, 2, 7, 8, 9, 16, 17, 33, 256, 257};
  private static final int[] DEPTH = {1, 2, 7, 30, 257, 600};

  @Test
  void matchesTheBlockedKernelsBitForBit() {
    assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "needs jdk.incubator.vector");
    Random random = new Random(11);
    for (int other : OTHER) {
      for (int depth : DEPTH) {
        check(random, other, 1, depth); // matrix times vector
        check(random, 1, other, depth); // vector times matrix
      }
    }
  }

  private static void check(Random random, int m, int n, int k) {
    for (boolean transA : new boolean[] {false, true}) {
      for (boolean transB : new boolean[] {false, true}) {
        for (boolean accumulate : new boolean[] {false, true}) {
          float[] a = values(random, m * k + 3);
          float[] b = values(random, k * n + 5);
          float[] c = values(random, m * n + 7);
          float[] expected = c.clone();
          VectorGemm.gemm(transA, transB, m, n, k, a, 3, b, 5, expected, 7, accumulate, 0, m, 0, n);
          VectorThinGemm.gemm(transA, transB, m, n, k, a, 3, b, 5, c, 7, accumulate);
          for (int i = 0; i < c.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(c[i]), String.format(
                "[%d,%d,%d] transA=%b transB=%b accumulate=%b at %d", m, n, k, transA, transB, accumulate, i));
          }
        }
      }
    }
  }

  private static float[] values(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) random.nextGaussian();
    return v;
  }
}
