package dev.jfastai.tensor;

import dev.jfastai.tensor.internal.Shapes;
import dev.jfastai.tensor.internal.kernels.BinaryKernels;
import dev.jfastai.tensor.internal.kernels.BinaryOp;
import java.util.Arrays;

/**
 * A leaf's accumulated gradient, and what reusing its storage takes: whether code outside the optimizers has seen it
 * ({@link Tensor#grad()}, {@link Tensor#setGrad}), and the storage of the last gradient an optimizer cleared unseen
 * (TensorInternals.clearGradForReuse), which the next backward fills through {@link Function#gradientBuffer}.
 */
final class LeafGradient {
  private Tensor value;
  private boolean seen;
  private float[] reusable;

  /** The gradient slot of leaf {@code t}, created on first use (backward accumulates into it). */
  static LeafGradient of(Tensor t) {
    if (t.grad == null) t.grad = new LeafGradient();
    return t.grad;
  }

  /** The gradient, without marking it seen. */
  Tensor peek() {
    return value;
  }

  /** The gradient, handed to other code: its storage is never reused. */
  Tensor read() {
    seen = true;
    return value;
  }

  /** Replaces the gradient of a leaf of {@code shape} (null clears it). */
  void set(Tensor gradient, int[] shape) {
    if (gradient != null && !Arrays.equals(gradient.shape(), shape)) {
      throw new IllegalArgumentException("setGrad: gradient shape " + Shapes.str(gradient.shape()) + " does not match "
          + Shapes.str(shape));
    }
    value = gradient;
    seen = true;
    reusable = null;
  }

  /** Clears the gradient, keeping its storage when no one else has seen it. */
  void clearForReuse() {
    if (value != null && !seen) reusable = value.array();
    value = null;
  }

  /** The kept storage, once, while there is no gradient and when it has {@code size} floats; else null. */
  float[] takeBuffer(int size) {
    float[] buffer = reusable;
    if (buffer == null || value != null || buffer.length != size) return null;
    reusable = null;
    return buffer;
  }

  /** Adds g (of the leaf's shape); the first one is copied unless {@code fresh} (nothing else holds g's storage). */
  void accumulate(Tensor g, boolean fresh, int[] shape) {
    if (value != null) {
      BinaryKernels.apply(BinaryOp.ADD, value.array(), value.arrayOffset(), shape, g.array(), g.arrayOffset(), shape,
          value.array(), value.arrayOffset(), shape);
      value.versionCounter[0]++; // an in-place change, should a graph have saved the gradient read earlier
      return;
    }
    boolean adopt = fresh && g.arrayOffset() == 0 && g.array().length == g.numel();
    // Otherwise an own copy: g may be shared by other branches.
    value = Tensor.wrap(adopt ? g.array() : g.toFloatArray(), shape.clone());
    seen = false;
  }
}
