package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;

/** Reorders dims (a copy, since storage is always contiguous); the gradient is permuted back. */
public final class Permute extends Function {
  private final int[] perm;

  /** {@code perm} must already be a validated permutation of 0..rank-1. */
  public Permute(int[] perm) {
    this.perm = perm.clone();
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return permute(in[0], perm);
  }

  static Tensor permute(Tensor x, int[] perm) {
    int[] shape = x.shape();
    int[] outShape = new int[shape.length];
    for (int d = 0; d < shape.length; d++) outShape[d] = shape[perm[d]];
    float[] out = new float[x.numel()];
    dev.jfastai.tensor.internal.kernels.Permute.permute(x.array(), x.arrayOffset(), shape, perm, out);
    return Tensor.wrap(out, outShape);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    int[] inverse = new int[perm.length];
    for (int d = 0; d < perm.length; d++) inverse[perm[d]] = d;
    return new Tensor[] {permute(g, inverse)};
  }

  /** Checks that {@code perm} is a permutation of the dims of a rank-{@code rank} tensor. */
  public static int[] validate(int[] perm, int rank) {
    if (perm.length != rank) {
      throw new IllegalArgumentException("permute: " + Shapes.str(perm) + " does not name each of the " + rank
          + " dims once");
    }
    int[] out = new int[rank];
    boolean[] seen = new boolean[rank];
    for (int d = 0; d < rank; d++) {
      out[d] = Shapes.dim("permute", perm[d], rank);
      if (seen[out[d]]) throw new IllegalArgumentException("permute: dim " + perm[d] + " repeats in "
          + Shapes.str(perm));
      seen[out[d]] = true;
    }
    return out;
  }
}
