package dev.jfastai.tensor.internal.kernels;

import java.util.Arrays;

/**
 * General matrix multiply on flat row-major float arrays: {@code C[m,n] (+)= op(A)[m,k] * op(B)[k,n]}.
 * {@code op(A)} is A stored as [m,k], or, when {@code transA}, A stored as [k,m] and read transposed
 * without copying; likewise B is stored as [k,n], or [n,k] when {@code transB}.
 *
 * <p>The kernel is chosen once, when this class initialises: the Vector API kernel when the
 * {@code jdk.incubator.vector} module is in the boot layer (start the JVM with
 * {@code --add-modules jdk.incubator.vector}), else plain Java loops. The system property
 * {@code jfastai.kernels=scalar} forces the plain loops. The vector kernel shares products of 2^18
 * multiply-adds and more between the cores ({@link KernelThreads}: at most as many threads as the ForkJoinPool the
 * caller runs in); {@code jfastai.kernels.threads=1} keeps every product on its calling thread.
 *
 * <p>Threads may call it at once (ConcurrentInferenceTest): packing buffers, including the copy of the last
 * shared B that decides whether it is packed again, are per calling thread, and one call at a time borrows the
 * helper threads while the others run on their callers. The sums' order depends on the shape only, so every
 * caller gets the same bits. The arrays themselves must not be written by another thread during a call.
 */
public final class Gemm {
  /** Whether the Vector API kernels are in use (see the class comment); the other kernel classes follow it. */
  static final boolean VECTOR = vectorAvailable();

  /**
   * Whether the JIT compiles the Vector API's mixed shapes (256- and 512-bit floats in one JVM), float-to-double
   * conversions and masked loads at full speed: JDK 25 does. On 17 the first two ran as Java fallbacks, several times
   * slower than plain loops (bench/README.md); releases in between were not measured. The kernels that need them
   * take a plainer path otherwise.
   */
  static final boolean FULL_VECTOR_JIT = VECTOR && Runtime.version().feature() >= 25;

  /** Logged once when the module is missing; the ~9x is the chapter's training step measured both ways. */
  static final String MISSING_VECTOR_MODULE = "jfastai: the Vector API module is missing, so the tensor kernels run as"
      + " plain Java loops, about 9x slower. Start the JVM with --add-modules jdk.incubator.vector (for example"
      + " JDK_JAVA_OPTIONS=--add-modules=jdk.incubator.vector); -Djfastai.kernels=scalar chooses the loops silently.";

  private Gemm() {}

  /**
   * Computes {@code C = op(A) op(B)}, or {@code C += op(A) op(B)} when {@code accumulate}. C is [m,n] at
   * {@code c[cOff..]}; the operands are read from their offsets as described on the class.
   *
   * @throws IllegalArgumentException if a size is negative or an operand does not fit its array
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                          float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
    checkArguments(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff);
    if (m == 0 || n == 0) return;
    if (k == 0) {
      if (!accumulate) Arrays.fill(c, cOff, cOff + m * n, 0f);
      return;
    }
    // No size cut-off: even a 2x2x2 product runs no slower on the vector kernel.
    if (VECTOR) {
      VectorGemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    } else {
      ScalarGemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }
  }

  /** The kernel family in use, {@code "vector"} or {@code "scalar"}: for benchmarks and logs. */
  public static String kernelName() {
    return VECTOR ? "vector" : "scalar";
  }

  private static boolean vectorAvailable() {
    if ("scalar".equalsIgnoreCase(System.getProperty("jfastai.kernels"))) return false;
    // Checked by name so that no Vector API class is touched on a JVM that lacks the module.
    boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    // Once per JVM (this runs in the class initialiser): nothing else would tell the user why training is slow.
    if (!present) System.getLogger("dev.jfastai.tensor").log(System.Logger.Level.WARNING, MISSING_VECTOR_MODULE);
    return present;
  }

  private static void checkArguments(boolean transA, boolean transB, int m, int n, int k,
                                     float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("gemm: negative size m=" + m + ", n=" + n + ", k=" + k);
    }
    checkFits("A", transA ? k : m, transA ? m : k, a, aOff);
    checkFits("B", transB ? n : k, transB ? k : n, b, bOff);
    checkFits("C", m, n, c, cOff);
  }

  /** Checks that a stored [rows, cols] operand lies inside its array. */
  private static void checkFits(String name, int rows, int cols, float[] array, int offset) {
    if (offset < 0 || offset + (long) rows * cols > array.length) {
      throw new IllegalArgumentException("gemm: operand " + name + " [" + rows + ", " + cols + "] at offset "
          + offset + " does not fit in an array of length " + array.length);
    }
  }
}
