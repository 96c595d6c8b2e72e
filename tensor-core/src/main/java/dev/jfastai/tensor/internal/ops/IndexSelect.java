package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;

/** Gathers slices along one dim by index (a batch of shuffled rows, an embedding lookup); backward scatter-adds. */
public final class IndexSelect extends Function {
  private final int dim;
  private final int[] indices;
  private int[] shape;

  public IndexSelect(int dim, int[] indices) {
    this.dim = dim;
    this.indices = indices.clone();
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    shape = x.shape();
    int n = shape[dim];
    for (int i : indices) {
      if (i < 0 || i >= n) {
        throw new IndexOutOfBoundsException("indexSelect: index " + i + " is out of range for dim " + dim
            + " of shape " + Shapes.str(shape));
      }
    }
    int outer = Shapes.outer(shape, dim);
    int inner = Shapes.inner(shape, dim);
    int[] outShape = shape.clone();
    outShape[dim] = indices.length;
    float[] out = new float[Shapes.numel(outShape)];
    float[] src = x.array();
    int so = x.arrayOffset();
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < indices.length; j++) {
        System.arraycopy(src, so + (o * n + indices[j]) * inner, out, (o * indices.length + j) * inner, inner);
      }
    }
    return Tensor.wrap(out, outShape);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    int n = shape[dim];
    int outer = Shapes.outer(shape, dim);
    int inner = Shapes.inner(shape, dim);
    float[] out = new float[Shapes.numel(shape)];
    float[] ga = g.array();
    int go = g.arrayOffset();
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < indices.length; j++) {
        int dst = (o * n + indices[j]) * inner;
        int src = go + (o * indices.length + j) * inner;
        for (int i = 0; i < inner; i++) out[dst + i] += ga[src + i];
      }
    }
    return new Tensor[] {Tensor.wrap(out, shape)};
  }
}
