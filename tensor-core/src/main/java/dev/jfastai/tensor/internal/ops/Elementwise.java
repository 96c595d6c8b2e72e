package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;
import dev.jfastai.tensor.internal.kernels.BinaryKernels;
import dev.jfastai.tensor.internal.kernels.BinaryOp;

/** Forward helpers shared by the elementwise ops, and the broadcast-undo used by their backward passes. */
public final class Elementwise {
  private Elementwise() {}

  /** A fresh tensor {@code a op b} with broadcasting; errors name the op and both shapes. */
  public static Tensor binary(String name, BinaryOp op, Tensor a, Tensor b) {
    int[] aShape = a.shape();
    int[] bShape = b.shape();
    int[] outShape = Shapes.broadcast(name, aShape, bShape);
    float[] out = new float[Shapes.numel(outShape)];
    BinaryKernels.apply(op, a.array(), a.arrayOffset(), aShape, b.array(), b.arrayOffset(), bShape, out, 0, outShape);
    return Tensor.wrap(out, outShape);
  }

  /** Sums a broadcast gradient back to the shape of the input it was broadcast from. */
  public static Tensor sumTo(Tensor grad, int[] shape) {
    int[] g = grad.shape();
    if (java.util.Arrays.equals(g, shape)) return grad;
    int lead = g.length - shape.length;
    Tensor t = grad;
    for (int d = 0; d < g.length; d++) {
      boolean leading = d < lead;
      if (g[d] != 1 && (leading || shape[d - lead] == 1)) t = t.sum(d, true);
    }
    return t.reshape(shape);
  }
}
