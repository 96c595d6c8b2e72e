package dev.jfastai.tensor.internal.kernels;

import dev.jfastai.tensor.internal.Shapes;
import java.util.Arrays;

/**
 * Broadcasting elementwise loops. Dimensions are coalesced first (like PyTorch's TensorIterator), so the common
 * cases run as one long inner loop; the op is switched on once per inner run, never per element.
 */
public final class BinaryKernels {
  private BinaryKernels() {}

  /** {@code out = a op b} with broadcasting; {@code outShape} must be the broadcast of both shapes. */
  public static void apply(BinaryOp op, float[] a, int aOff, int[] aShape, float[] b, int bOff, int[] bShape,
                           float[] out, int outOff, int[] outShape) {
    int n = Shapes.numel(outShape);
    if (n == 0) return;
    if (Arrays.equals(aShape, outShape) && Arrays.equals(bShape, outShape)) {
      run(op, a, aOff, 1, b, bOff, 1, out, outOff, n);
      return;
    }
    int[] as = Shapes.broadcastStrides(aShape, outShape);
    int[] bs = Shapes.broadcastStrides(bShape, outShape);
    int[] size = outShape.clone();
    int rank = coalesce(size, as, bs);
    int inner = size[rank - 1];
    int ias = as[rank - 1];
    int ibs = bs[rank - 1];
    int[] idx = new int[rank];
    int ao = aOff;
    int bo = bOff;
    for (int o = outOff, end = outOff + n; o < end; o += inner) {
      run(op, a, ao, ias, b, bo, ibs, out, o, inner);
      for (int d = rank - 2; d >= 0; d--) { // odometer over the outer dims
        ao += as[d];
        bo += bs[d];
        if (++idx[d] < size[d]) break;
        ao -= as[d] * size[d];
        bo -= bs[d] * size[d];
        idx[d] = 0;
      }
    }
  }

  /** {@code t[ti+i] += alpha * x[xi+i]} for i below n: the update of SGD-like optimizers. */
  public static void addScaled(float[] t, int ti, float alpha, float[] x, int xi, int n) {
    if (Gemm.VECTOR) {
      VectorElementwise.addScaled(t, ti, alpha, x, xi, n);
    } else {
      for (int i = 0; i < n; i++) t[ti + i] += alpha * x[xi + i];
    }
  }

  /** Merges adjacent dims that both operands walk contiguously; returns the new rank (at least 1). */
  private static int coalesce(int[] size, int[] as, int[] bs) {
    int rank = 0;
    for (int d = 0; d < size.length; d++) {
      if (size[d] == 1 && size.length > 1) continue; // size-1 dims never move the pointers
      if (rank > 0 && as[rank - 1] == as[d] * size[d] && bs[rank - 1] == bs[d] * size[d]) {
        size[rank - 1] *= size[d];
        as[rank - 1] = as[d];
        bs[rank - 1] = bs[d];
      } else {
        size[rank] = size[d];
        as[rank] = as[d];
        bs[rank] = bs[d];
        rank++;
      }
    }
    if (rank == 0) {
      size[0] = 1;
      as[0] = 0;
      bs[0] = 0;
      rank = 1;
    }
    return rank;
  }

  /** One run of {@code n} elements; strides are 0 (broadcast) or 1. */
  static void run(BinaryOp op, float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
    switch (op) {
      case ADD: for (int i = 0; i < n; i++) o[oi + i] = a[ai + i * as] + b[bi + i * bs]; break;
      case SUB: for (int i = 0; i < n; i++) o[oi + i] = a[ai + i * as] - b[bi + i * bs]; break;
      case MUL: for (int i = 0; i < n; i++) o[oi + i] = a[ai + i * as] * b[bi + i * bs]; break;
      case DIV: for (int i = 0; i < n; i++) o[oi + i] = a[ai + i * as] / b[bi + i * bs]; break;
      case POW: for (int i = 0; i < n; i++) o[oi + i] = (float) Math.pow(a[ai + i * as], b[bi + i * bs]); break;
      case MAX: for (int i = 0; i < n; i++) o[oi + i] = Math.max(a[ai + i * as], b[bi + i * bs]); break;
      case MIN: for (int i = 0; i < n; i++) o[oi + i] = Math.min(a[ai + i * as], b[bi + i * bs]); break;
      case GT: for (int i = 0; i < n; i++) o[oi + i] = a[ai + i * as] > b[bi + i * bs] ? 1f : 0f; break;
      case LT: for (int i = 0; i < n; i++) o[oi + i] = a[ai + i * as] < b[bi + i * bs] ? 1f : 0f; break;
      case GE: for (int i = 0; i < n; i++) o[oi + i] = a[ai + i * as] >= b[bi + i * bs] ? 1f : 0f; break;
      case LE: for (int i = 0; i < n; i++) o[oi + i] = a[ai + i * as] <= b[bi + i * bs] ? 1f : 0f; break;
      case EQ: for (int i = 0; i < n; i++) o[oi + i] = a[ai + i * as] == b[bi + i * bs] ? 1f : 0f; break;
      default: throw new AssertionError(op);
    }
  }
}
