package dev.jfastai.tensor.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every GEMM path against a double-precision reference, over shapes that hit each tail and split. */
class GemmTest {
  private static final int A_OFF = 3;
  private static final int B_OFF = 5;
  private static final int C_OFF = 7;
  private static final int PAD = 11;
  private static final float C_SENTINEL = 12345f;

  /**
   * The entry points under test. VECTOR and SCALAR bypass the size-based choice that DISPATCH makes;
   * VECTOR_ONE_THREAD also bypasses the split across cores, so one thread walks every block of a large product.
   */
  enum Path {
    VECTOR, VECTOR_ONE_THREAD, SCALAR, DISPATCH;

    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
      switch (this) {
        case VECTOR -> VectorGemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        case VECTOR_ONE_THREAD ->
            VectorGemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, 0, m, 0, n);
        case SCALAR -> ScalarGemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        case DISPATCH -> Gemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
      }
    }
  }

  static Stream<Arguments> smallShapes() {
    int lanes = 16; // the widest species; narrower ones get more tails, not fewer
    List<int[]> shapes = new ArrayList<>(List.of(
        new int[] {1, 1, 1}, new int[] {1, 1, 7}, new int[] {1, 33, 1}, new int[] {9, 1, 5},
        new int[] {2, 3, 4}, new int[] {3, 17, 2}, new int[] {4, 16, 16}, new int[] {5, 31, 9},
        new int[] {7, 32, 3}, new int[] {8, 33, 10}, new int[] {9, 47, 1}, new int[] {12, 2 * lanes + 1, 13},
        new int[] {15, 64, 31}, new int[] {16, 65, 8}, new int[] {64, 1000, 40}, new int[] {17, 15, 257}, new int[] {30,
            30, 30},
        new int[] {33, 784, 3}, new int[] {30, 100, 256}, new int[] {6, 40, 513}, new int[] {24, 3, 600},
        new int[] {77, 45, 300}, new int[] {130, 20, 200}));
    Random random = new Random(42);
    for (int i = 0; i < 12; i++) {
      shapes.add(new int[] {1 + random.nextInt(40), 1 + random.nextInt(90), 1 + random.nextInt(300)});
    }
    return cases(shapes, Path.values());
  }

  /**
   * Large products: past VectorGemm's parallel threshold (2^18 terms) all are split across cores by columns
   * (72x2100x256, and 300x300x200 unless A is transposed) or rows (1030x40x420, and any with A transposed), or, for
   * a short C, by k blocks (30x784x256 as the chapter's weight gradient, 20x1000x600, 17x300x1030); on one thread
   * the widest spans two packed column blocks.
   */
  static Stream<Arguments> largeShapes() {
    List<int[]> shapes = List.of(new int[] {517, 20, 300}, new int[] {93, 2100, 17}, new int[] {150, 150, 700},
        new int[] {72, 2100, 256}, new int[] {300, 300, 200}, new int[] {1030, 40, 420}, new int[] {30, 784, 256},
        new int[] {20, 1000, 600}, new int[] {17, 300, 1030});
    return cases(shapes, new Path[] {Path.VECTOR, Path.VECTOR_ONE_THREAD, Path.DISPATCH});
  }

  private static Stream<Arguments> cases(List<int[]> shapes, Path[] paths) {
    return shapes.stream().flatMap(s -> Arrays.stream(paths).map(p -> Arguments.of(p, s[0], s[1], s[2])));
  }

  @ParameterizedTest(name = "{0} m={1} n={2} k={3}")
  @MethodSource({"smallShapes", "largeShapes"})
  void matchesDoubleReferenceForEveryLayout(Path path, int m, int n, int k) {
    assumeVectorModuleFor(path);
    for (boolean transA : new boolean[] {false, true}) {
      for (boolean transB : new boolean[] {false, true}) {
        for (boolean accumulate : new boolean[] {false, true}) {
          check(path, transA, transB, m, n, k, accumulate);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chapterShapes")
  void matchesReferenceOnChapterShapes(String name, boolean transA, boolean transB, int m, int n, int k) {
    for (Path path : new Path[] {Path.VECTOR, Path.SCALAR, Path.DISPATCH}) {
      if (path == Path.VECTOR && !vectorModulePresent()) continue;
      check(path, transA, transB, m, n, k, false);
    }
  }

  static Stream<Arguments> chapterShapes() {
    return Stream.of(Arguments.of("forward x.W^T", false, true, 256, 30, 784),
        Arguments.of("backward dX = dY.W", false, false, 256, 784, 30),
        Arguments.of("backward dW = dY^T.X", true, false, 30, 784, 256));
  }

  /**
   * Threads that share k sum its blocks apart, then add them in order; row and column slabs sum each element over
   * the same k blocks in the same order: either way the bits must not depend on the threads.
   */
  @ParameterizedTest(name = "m={0} n={1} k={2}")
  @MethodSource({"splitKShapes", "slabShapes"})
  void givesTheSameBitsOnOneThreadAsOnMany(int m, int n, int k) {
    assumeTrue(vectorModulePresent(), "jdk.incubator.vector is not in the boot layer");
    Random random = new Random(m * 31 + n);
    for (boolean transA : new boolean[] {false, true}) {
      for (boolean transB : new boolean[] {false, true}) {
        for (boolean accumulate : new boolean[] {false, true}) {
          float[] a = randomArray(random, m * k);
          float[] b = randomArray(random, k * n);
          float[] start = randomArray(random, m * n);
          float[] many = start.clone();
          float[] one = start.clone();
          VectorGemm.gemm(transA, transB, m, n, k, a, 0, b, 0, many, 0, accumulate);
          VectorGemm.gemm(transA, transB, m, n, k, a, 0, b, 0, one, 0, accumulate, 0, m, 0, n);
          assertTrue(Arrays.equals(one, many), "transA=" + transA + " transB=" + transB + " accumulate=" + accumulate);
        }
      }
    }
  }

  @Test
  void shapesOfTheBitsTestTakeEachWayOfSharing() {
    splitKShapes().forEach(s -> assertTrue(VectorGemm.splitsK((int) s.get()[0], (int) s.get()[1], (int) s.get()[2])));
    slabShapes().forEach(s -> assertFalse(VectorGemm.splitsK((int) s.get()[0], (int) s.get()[1], (int) s.get()[2])));
    // 300x300: column slabs, but row slabs when A is transposed (packed once, not once per column slab)
    assertTrue(VectorGemm.splitsByColumns(false, 300, 300, 38, 10, 2));
    assertFalse(VectorGemm.splitsByColumns(true, 300, 300, 38, 10, 2));
    assertFalse(VectorGemm.splitsByColumns(false, 1030, 40, 129, 2, 2));
  }

  static Stream<Arguments> slabShapes() {
    return Stream.of(Arguments.of(72, 2100, 256), Arguments.of(300, 300, 600), Arguments.of(1030, 40, 420),
        Arguments.of(200, 90, 530));
  }

  static Stream<Arguments> splitKShapes() {
    return Stream.of(Arguments.of(30, 784, 256), Arguments.of(20, 1000, 600), Arguments.of(17, 300, 1030));
  }

  private static float[] randomArray(Random random, int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) values[i] = random.nextFloat() * 2 - 1;
    return values;
  }

  /**
   * A one-panel product reuses B's packed panel while B's values are unchanged: changing one value in place, or
   * passing another array, must give the new product, on one thread and on many.
   */
  @Test
  void packedPanelFollowsChangesToB() {
    assumeTrue(vectorModulePresent(), "jdk.incubator.vector is not in the boot layer");
    int m = 256;
    int n = 30;
    int k = 784;
    Random random = new Random(5);
    float[] a = randomArray(random, m * k);
    float[] b = randomArray(random, n * k);
    for (int round = 0; round < 4; round++) {
      float[] expected = new float[m * n];
      ScalarGemm.gemm(false, true, m, n, k, a, 0, b, 0, expected, 0, false);
      float[] many = new float[m * n];
      VectorGemm.gemm(false, true, m, n, k, a, 0, b, 0, many, 0, false);
      float[] one = new float[m * n];
      VectorGemm.gemm(false, true, m, n, k, a, 0, b, 0, one, 0, false, 0, m, 0, n);
      assertTrue(Arrays.equals(one, many), "round " + round);
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], many[i], 1e-3f, "round " + round + " element " + i);
      }
      if (round == 0) b[n * k - 1] += 1f; // the last value only: a stale panel would miss it
      if (round == 1) b[0] = -b[0];
      if (round == 2) b = b.clone(); // same values in another array
    }
  }

  @Test
  void zeroKClearsOrKeepsC() {
    float[] c = {1f, 2f, 3f, 4f};
    Gemm.gemm(false, false, 2, 2, 0, new float[0], 0, new float[0], 0, c, 0, true);
    assertEquals(List.of(1f, 2f, 3f, 4f), asList(c));
    Gemm.gemm(false, false, 2, 2, 0, new float[0], 0, new float[0], 0, c, 0, false);
    assertEquals(List.of(0f, 0f, 0f, 0f), asList(c));
  }

  @Test
  void rejectsOperandsThatDoNotFit() {
    float[] small = new float[5];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gemm.gemm(true, false, 2, 3, 3, small, 0, new float[9], 0, new float[6], 0, false));
    assertTrue(e.getMessage().contains("A [3, 2]"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Gemm.gemm(false, false, 2, 3, 3, new float[6], 0, new float[9], 0, new float[6], 1, false));
    assertThrows(IllegalArgumentException.class,
        () -> Gemm.gemm(false, false, -1, 3, 3, new float[6], 0, new float[9], 0, new float[6], 0, false));
  }

  @Test
  void kernelMatchesTheModuleLayer() {
    boolean forcedScalar = "scalar".equalsIgnoreCase(System.getProperty("jfastai.kernels"));
    assertEquals(vectorModulePresent() && !forcedScalar ? "vector" : "scalar", Gemm.kernelName());
  }

  /**
   * Runs one product with operands at non-zero offsets inside NaN padding (a stray read poisons C) and C inside
   * sentinels (a stray write shows), and compares with a double-precision product within a rigorous float
   * rounding bound: (k + 2) units of float roundoff times the sum of |terms|.
   */
  private static void check(Path path, boolean transA, boolean transB, int m, int n, int k, boolean accumulate) {
    Random random = new Random(31L * m + 17L * n + k + (transA ? 5 : 0) + (transB ? 11 : 0));
    float[] a = padded(random, m * k, A_OFF, Float.NaN);
    float[] b = padded(random, k * n, B_OFF, Float.NaN);
    float[] c = padded(random, m * n, C_OFF, C_SENTINEL);
    float[] c0 = c.clone();
    path.gemm(transA, transB, m, n, k, a, A_OFF, b, B_OFF, c, C_OFF, accumulate);
    double unit = Math.ulp(1f) / 2;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = accumulate ? c0[C_OFF + i * n + j] : 0;
        double magnitude = Math.abs(sum);
        for (int p = 0; p < k; p++) {
          double term = (double) a[A_OFF + (transA ? p * m + i : i * k + p)]
              * b[B_OFF + (transB ? j * k + p : p * n + j)];
          sum += term;
          magnitude += Math.abs(term);
        }
        float actual = c[C_OFF + i * n + j];
        double tolerance = (k + 2) * unit * magnitude;
        if (!(Math.abs(actual - sum) <= tolerance)) {
          throw new AssertionError(String.format("%s transA=%b transB=%b accumulate=%b [%d,%d,%d]: C[%d,%d] = %s,"
              + " expected %s within %s", path, transA, transB, accumulate, m, n, k, i, j, actual, sum, tolerance));
        }
      }
    }
    for (int i = 0; i < C_OFF; i++) assertEquals(C_SENTINEL, c[i], "write before C at " + i);
    for (int i = C_OFF + m * n; i < c.length; i++) assertEquals(C_SENTINEL, c[i], "write after C at " + i);
  }

  private static float[] padded(Random random, int size, int offset, float pad) {
    float[] array = new float[offset + size + PAD];
    Arrays.fill(array, pad);
    for (int i = 0; i < size; i++) array[offset + i] = random.nextFloat() * 2 - 1;
    return array;
  }

  private static List<Float> asList(float[] values) {
    List<Float> list = new ArrayList<>();
    for (float v : values) list.add(v);
    return list;
  }

  private static void assumeVectorModuleFor(Path path) {
    boolean vector = path == Path.VECTOR || path == Path.VECTOR_ONE_THREAD;
    assumeTrue(!vector || vectorModulePresent(), "jdk.incubator.vector is not in the boot layer");
  }

  private static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }
}
