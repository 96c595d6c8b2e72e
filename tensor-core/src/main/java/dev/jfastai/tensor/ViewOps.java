package dev.jfastai.tensor;

import dev.jfastai.tensor.internal.Shapes;

/** The ops whose output shares the input's storage: they live here because only this package makes views. */
final class ViewOps {
  private ViewOps() {}

  /** {@code t} without {@code dim} if its size is 1, else t itself: {@code Tensor.squeeze(dim)}. */
  static Tensor squeeze(Tensor t, int dim) {
    if (t.dim() == 0) return t;
    int d = Shapes.dim("squeeze", dim, t.dim());
    return t.size(d) != 1 ? t : t.reshape(Shapes.reduced(t.shape(), d, false));
  }

  /**
   * {@code t} with dims {@code startDim} (negative counts from the end) to the last merged into one, a view:
   * {@code Tensor.flatten(startDim)}, as {@code torch.flatten(t, start_dim)} ([N, C, H, W] from 1 gives [N, C*H*W];
   * a rank-0 tensor gives [1]).
   */
  static Tensor flatten(Tensor t, int startDim) {
    if (t.dim() == 0) Shapes.dim("flatten", startDim, 1); // a scalar flattens as a 1-element vector: dim 0 or -1
    return t.flatten(startDim, -1);
  }

  /** Row {@code i} of {@code t} along dim 0, that dim removed: {@code Tensor.get}. */
  static Tensor row(Tensor t, int i) {
    if (t.dim() == 0) throw new IllegalArgumentException("get: a rank-0 tensor has no rows");
    if (i < 0 || i >= t.size(0)) {
      throw new IndexOutOfBoundsException("get: index " + i + " is out of range for dim 0 of shape "
          + Shapes.str(t.shape()));
    }
    return t.narrow(0, i, 1).squeeze(0);
  }

  /** Same elements, new shape; the gradient is reshaped back. */
  static final class Reshape extends Function {
    private final int[] target;
    private int[] shape;

    Reshape(int[] target) {
      this.target = target;
    }

    @Override
    protected Tensor forward(Tensor... in) {
      shape = in[0].shape();
      return in[0].viewOf(in[0].arrayOffset(), target);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      return new Tensor[] {g.reshape(shape)};
    }

    @Override
    public String name() {
      return "view";
    }

    /** The gradient is passed on as a view of g, or read. */
    @Override
    protected boolean keepsGradOutput() {
      return false;
    }
  }

  /**
   * A window of {@code length} along one dim. Along dim 0 (a batch of rows) it is a view; along other dims a copy.
   * The gradient is zero outside the window.
   */
  static final class Narrow extends Function {
    private final int dim;
    private final int start;
    private final int length;
    private int[] shape;

    Narrow(int dim, int start, int length) {
      this.dim = dim;
      this.start = start;
      this.length = length;
    }

    @Override
    protected Tensor forward(Tensor... in) {
      Tensor x = in[0];
      shape = x.shape();
      if (start < 0 || length < 0 || start + length > shape[dim]) {
        throw new IndexOutOfBoundsException("narrow: start " + start + " + length " + length
            + " exceeds size " + shape[dim] + " of dim " + dim + " in shape " + Shapes.str(shape));
      }
      int[] outShape = shape.clone();
      outShape[dim] = length;
      int inner = Shapes.inner(shape, dim);
      if (Shapes.outer(shape, dim) == 1) return x.viewOf(x.arrayOffset() + start * inner, outShape);
      int outer = Shapes.outer(shape, dim);
      float[] out = new float[outer * length * inner];
      for (int o = 0; o < outer; o++) {
        System.arraycopy(x.array(), x.arrayOffset() + (o * shape[dim] + start) * inner, out, o * length * inner,
            length * inner);
      }
      return Tensor.wrap(out, outShape);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      int outer = Shapes.outer(shape, dim);
      int inner = Shapes.inner(shape, dim);
      float[] out = new float[Shapes.numel(shape)];
      for (int o = 0; o < outer; o++) {
        System.arraycopy(g.array(), g.arrayOffset() + o * length * inner, out, (o * shape[dim] + start) * inner,
            length * inner);
      }
      return new Tensor[] {Tensor.wrap(out, shape)};
    }

    @Override
    protected boolean keepsGradOutput() {
      return false;
    }
  }
}
