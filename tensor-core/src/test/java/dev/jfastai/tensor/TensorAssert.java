package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jfastai.tensor.TensorFixtures.FixtureTensor;
import java.util.Arrays;

/**
 * Compares tensors with PyTorch's values, element by element:
 * {@code |got - want| <= rtol * |want| + floor * max|want|}. The floor scales with the tensor's largest
 * magnitude because an element near 0 produced by cancellation (a dot product, a sum) carries the rounding
 * error of the large terms that cancelled, not an error relative to itself. A failure names the first and
 * the worst element by index, with expected and actual values.
 */
final class TensorAssert {
  /** Issue 2's parity tolerance: 1e-5 relative. */
  static final double RTOL = 1e-5;
  /**
   * Absolute floor of the op parity tests, as a fraction of the tensor's largest magnitude: 1e-6, ten times
   * what float32 PyTorch needs on the same cases (the generator checks it meets this tolerance).
   */
  static final double FLOOR = 1e-6;

  private TensorAssert() {}

  static void assertClose(String what, FixtureTensor want, Tensor got, double rtol, double floor) {
    assertNotNull(got, what + ": got null, expected a tensor of shape " + Arrays.toString(want.shape()));
    if (!Arrays.equals(want.shape(), got.shape())) {
      fail(what + ": shape expected " + Arrays.toString(want.shape()) + " but got " + Arrays.toString(got.shape()));
    }
    assertClose(what, want.shape(), want.data(), got.toFloatArray(), rtol, floor);
  }

  static void assertClose(String what, int[] shape, float[] want, float[] got, double rtol, double floor) {
    if (want.length != got.length) {
      fail(what + ": expected " + want.length + " elements but got " + got.length);
    }
    double scale = 0;
    for (float v : want) scale = Math.max(scale, Math.abs(v));
    int bad = 0;
    int first = -1;
    int worst = -1;
    double worstExcess = 0;
    for (int k = 0; k < want.length; k++) {
      double diff = Math.abs((double) got[k] - want[k]);
      double allowed = rtol * Math.abs(want[k]) + floor * scale;
      if (!(diff <= allowed)) { // NaN fails too
        bad++;
        if (first < 0) first = k;
        double excess = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff - allowed;
        if (worst < 0 || excess > worstExcess) {
          worst = k;
          worstExcess = excess;
        }
      }
    }
    if (bad > 0) {
      fail(String.format("%s: %d of %d elements differ from PyTorch (rtol %.1g, floor %.1g x max|want| %.4g);"
              + " first %s; worst %s", what, bad, want.length, rtol, floor, scale,
          describe(shape, first, want, got, rtol, floor * scale), describe(shape, worst, want, got, rtol,
              floor * scale)));
    }
  }

  private static String describe(int[] shape, int k, float[] want, float[] got, double rtol, double atol) {
    double allowed = rtol * Math.abs(want[k]) + atol;
    return String.format("at %s: expected %s, got %s (|diff| %.3g > allowed %.3g)", index(shape, k), want[k], got[k],
        Math.abs((double) got[k] - want[k]), allowed);
  }

  /** The multi-index of flat position k in a row-major tensor of this shape. */
  static String index(int[] shape, int k) {
    int[] idx = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      idx[d] = k % shape[d];
      k /= shape[d];
    }
    return Arrays.toString(idx);
  }
}
