package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * matmul and linear, forward and backward, on shapes chosen to hit kernel edges (1, vector widths +-1, the
 * chapter's [256, 784] x [784, 30], odd tails, sizes big enough for a parallel split) and on transposed operands,
 * against a double-precision product computed here. Too big for JSON fixtures, so the reference is exact
 * arithmetic rather than PyTorch, and the tolerance is the rigorous float32 bound for a sum of k products in any
 * order (blocked, vectorised, FMA or not): |got - exact| <= (k + 2) * 2^-23 * sum_p |a_ip * b_pj|, twice the
 * textbook gamma_k. A wrong tail, a skipped block or a misread stride is off by a whole term and fails.
 */
class MatmulKernelTest {
  private static final double UNIT = 0x1p-23;

  enum Layout { PLAIN, B_STORED_TRANSPOSED, A_STORED_TRANSPOSED, BOTH_STORED_TRANSPOSED, LINEAR, LINEAR_NO_BIAS }

  static Stream<Arguments> cases() {
    int[][] shapes = { // m, n, k
        {1, 1, 1}, {2, 3, 1}, {1, 30, 784}, {256, 30, 784}, {256, 1, 30}, {255, 31, 785}, {17, 16, 15},
        {15, 17, 16}, {64, 64, 64}, {257, 1, 33}, {3, 100, 2}, {33, 17, 130}, {100, 257, 9}, {1, 1, 1000}};
    List<Arguments> cases = new ArrayList<>();
    for (int[] s : shapes) for (Layout l : Layout.values()) cases.add(Arguments.of(s[0], s[1], s[2], l));
    return cases.stream();
  }

  @ParameterizedTest(name = "[{0} x {2}] x [{2} x {1}] {3}")
  @MethodSource("cases")
  void matchesTheExactProductWithinTheFloat32Bound(int m, int n, int k, Layout layout) {
    Generator g = new Generator(31L * (31L * (31L * m + n) + k) + layout.ordinal());
    boolean aT = layout == Layout.A_STORED_TRANSPOSED || layout == Layout.BOTH_STORED_TRANSPOSED;
    boolean bT = layout != Layout.PLAIN && layout != Layout.A_STORED_TRANSPOSED; // linear's weight is [n, k]
    Tensor a = Tensor.randn(g, aT ? new int[] {k, m} : new int[] {m, k}).requiresGrad(true);
    Tensor b = Tensor.randn(g, bT ? new int[] {n, k} : new int[] {k, n}).requiresGrad(true);
    Tensor bias = layout == Layout.LINEAR ? Tensor.randn(g, n).requiresGrad(true) : null;
    Tensor aLogical = aT ? a.t() : a;
    Tensor out = switch (layout) {
      case LINEAR, LINEAR_NO_BIAS -> Tensor.linear(a, b, bias);
      default -> aLogical.matmul(bT ? b.t() : b);
    };
    String what = String.format("[%d x %d] x [%d x %d] %s", m, k, k, n, layout);
    assertArrayEquals(new int[] {m, n}, out.shape(), what + " output shape");

    double[][] A = logical(a.toFloatArray(), m, k, aT);
    double[][] B = logical(b.toFloatArray(), k, n, bT);
    double[] biasValues = bias == null ? new double[n] : toDouble(bias.toFloatArray());
    double[][] exact = new double[m][n];
    double[][] bound = new double[m][n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = biasValues[j];
        double abs = Math.abs(biasValues[j]);
        for (int p = 0; p < k; p++) {
          s += A[i][p] * B[p][j];
          abs += Math.abs(A[i][p] * B[p][j]);
        }
        exact[i][j] = s;
        bound[i][j] = (k + 3) * UNIT * abs;
      }
    }
    assertWithin(what + " forward", exact, bound, out.toFloatArray(), false);

    double[][] W = logical(Tensor.randn(g, m, n).toFloatArray(), m, n, false);
    out.backward(Tensor.of(toFloat(W), m, n));
    double[][] dA = new double[m][k];
    double[][] dAbound = new double[m][k];
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < k; p++) {
        double s = 0;
        double abs = 0;
        for (int j = 0; j < n; j++) {
          s += W[i][j] * B[p][j];
          abs += Math.abs(W[i][j] * B[p][j]);
        }
        dA[i][p] = s;
        dAbound[i][p] = (n + 2) * UNIT * abs;
      }
    }
    assertWithin(what + " grad of a", dA, dAbound, a.grad().orElseThrow().toFloatArray(), aT);
    double[][] dB = new double[k][n];
    double[][] dBbound = new double[k][n];
    for (int p = 0; p < k; p++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        double abs = 0;
        for (int i = 0; i < m; i++) {
          s += A[i][p] * W[i][j];
          abs += Math.abs(A[i][p] * W[i][j]);
        }
        dB[p][j] = s;
        dBbound[p][j] = (m + 2) * UNIT * abs;
      }
    }
    assertWithin(what + " grad of b", dB, dBbound, b.grad().orElseThrow().toFloatArray(), bT);
    if (bias != null) {
      double[][] dBias = new double[1][n];
      double[][] dBiasBound = new double[1][n];
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < m; i++) {
          dBias[0][j] += W[i][j];
          dBiasBound[0][j] += (m + 2) * UNIT * Math.abs(W[i][j]);
        }
      }
      assertWithin(what + " grad of bias", dBias, dBiasBound, bias.grad().orElseThrow().toFloatArray(), false);
    }
  }

  /** The rows x cols matrix that {@code stored} holds, read transposed when it is stored as [cols, rows]. */
  private static double[][] logical(float[] stored, int rows, int cols, boolean transposed) {
    double[][] x = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) x[r][c] = transposed ? stored[c * rows + r] : stored[r * cols + c];
    }
    return x;
  }

  /** Compares got (stored transposed when {@code transposed}) with exact, element by element, within bound. */
  private static void assertWithin(String what, double[][] exact, double[][] bound, float[] got, boolean transposed) {
    int rows = exact.length;
    int cols = exact[0].length;
    if (got.length != rows * cols) fail(what + ": expected " + rows * cols + " elements, got " + got.length);
    int bad = 0;
    String first = null;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        float v = transposed ? got[c * rows + r] : got[r * cols + c];
        double diff = Math.abs(v - exact[r][c]);
        if (!(diff <= bound[r][c] + Double.MIN_NORMAL)) {
          bad++;
          if (first == null) {
            first = String.format("first at [%d, %d]: exact %.9g, got %s, |diff| %.3g > bound %.3g", r, c, exact[r][c],
                v, diff, bound[r][c]);
          }
        }
      }
    }
    if (bad > 0) fail(what + ": " + bad + " of " + rows * cols + " elements outside the float32 bound; " + first);
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) d[i] = v[i];
    return d;
  }

  private static float[] toFloat(double[][] x) {
    float[] f = new float[x.length * x[0].length];
    for (int r = 0; r < x.length; r++) for (int c = 0; c < x[0].length; c++) f[r * x[0].length + c] = (float) x[r][c];
    return f;
  }
}
