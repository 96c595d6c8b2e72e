package dev.jfastai.tensor;

import dev.jfastai.tensor.internal.Shapes;

/** The ops whose output shares the input's storage: they live here because only this package makes views. */
final class ViewOps {
  private ViewOps() {}

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
  }
}
