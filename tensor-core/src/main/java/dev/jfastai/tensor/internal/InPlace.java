package dev.jfastai.tensor.internal;

import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.kernels.BinaryKernels;
import dev.jfastai.tensor.internal.kernels.BinaryOp;
import java.util.Arrays;

/**
 * The in-place updates behind {@code Tensor.subInPlace} and friends, with PyTorch's guard against corrupting a graph.
 */
public final class InPlace {
  private static final float[] ZERO = {0f};
  private static final int[] SCALAR = {};

  private InPlace() {}

  /** Refuses in-place writes to tensors in a graph while grad mode is on. */
  public static void check(String op, Tensor t) {
    if (t.requiresGrad() && Tensor.isGradEnabled()) {
      throw new IllegalStateException(op + ": in-place update of a tensor that requires grad (shape "
          + Shapes.str(t.shape())
          + ") would corrupt the graph; do it inside try (NoGrad ignored = Tensor.noGrad()) { ... }");
    }
  }

  /** {@code target = target op other}, other broadcast to target's shape. */
  public static void binary(String op, BinaryOp kind, Tensor target, Tensor other) {
    check(op, target);
    int[] shape = target.shape();
    int[] out = Shapes.broadcast(op, shape, other.shape());
    if (!Arrays.equals(out, shape)) {
      throw new IllegalArgumentException(op + ": shape " + Shapes.str(other.shape()) + " cannot be broadcast to "
          + Shapes.str(shape));
    }
    BinaryKernels.apply(kind, target.array(), target.arrayOffset(), shape, other.array(), other.arrayOffset(),
        other.shape(),
        target.array(), target.arrayOffset(), shape);
  }

  /** {@code target += alpha * other}, same shapes. */
  public static void addScaled(Tensor target, Tensor other, float alpha) {
    check("addInPlace", target);
    if (!Arrays.equals(other.shape(), target.shape())) {
      throw new IllegalArgumentException("addInPlace: shape " + Shapes.str(other.shape()) + " does not match "
          + Shapes.str(target.shape()));
    }
    BinaryKernels.addScaled(target.array(), target.arrayOffset(), alpha, other.array(), other.arrayOffset(),
        target.numel());
  }

  /** Copies source (broadcast) into target's storage. */
  public static void copy(Tensor target, Tensor source) {
    check("copyFrom", target);
    int[] shape = target.shape();
    int[] out = Shapes.broadcast("copyFrom", shape, source.shape());
    if (!Arrays.equals(out, shape)) {
      throw new IllegalArgumentException("copyFrom: shape " + Shapes.str(source.shape()) + " cannot be copied into "
          + Shapes.str(shape));
    }
    BinaryKernels.apply(BinaryOp.ADD, source.array(), source.arrayOffset(), source.shape(), ZERO, 0, SCALAR,
        target.array(), target.arrayOffset(), shape);
  }

  public static void scale(Tensor target, float value) {
    check("mulInPlace", target);
    float[] t = target.array();
    for (int i = target.arrayOffset(), end = i + target.numel(); i < end; i++) t[i] *= value;
  }

  public static void fill(Tensor target, float value) {
    check("fillInPlace", target);
    Arrays.fill(target.array(), target.arrayOffset(), target.arrayOffset() + target.numel(), value);
  }
}
