package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Concatenation along one dim; each input's gradient is its slice of the output gradient. */
public final class Cat extends Function {
  private final int dim;
  private int[] sizes;

  public Cat(int dim) {
    this.dim = dim;
  }

  /** Concatenates along {@code dim}; shapes must agree elsewhere. */
  public static Tensor cat(List<Tensor> tensors, int dim) {
    if (tensors.isEmpty()) throw new IllegalArgumentException("cat: needs at least one tensor");
    int rank = tensors.get(0).dim();
    for (Tensor t : tensors) {
      if (t.dim() != rank) {
        throw new IllegalArgumentException("cat: shapes " + Shapes.str(tensors.get(0).shape()) + " and "
            + Shapes.str(t.shape())
            + " have different ranks");
      }
    }
    return new Cat(Shapes.dim("cat", dim, rank)).apply(tensors.toArray(new Tensor[0]));
  }

  /** Stacks equal-shaped tensors along a new dim. */
  public static Tensor stack(List<Tensor> tensors, int dim) {
    if (tensors.isEmpty()) throw new IllegalArgumentException("stack: needs at least one tensor");
    int[] first = tensors.get(0).shape();
    int d = Shapes.dim("stack", dim, first.length + 1);
    List<Tensor> parts = new ArrayList<>(tensors.size());
    for (Tensor t : tensors) {
      if (!Arrays.equals(t.shape(), first)) {
        throw new IllegalArgumentException("stack: shapes " + Shapes.str(first) + " and " + Shapes.str(t.shape())
            + " differ");
      }
      parts.add(t.unsqueeze(d));
    }
    return cat(parts, d);
  }

  @Override
  protected Tensor forward(Tensor... in) {
    if (in.length == 0) throw new IllegalArgumentException("cat: needs at least one tensor");
    int[] first = in[0].shape();
    int[] outShape = first.clone();
    sizes = new int[in.length];
    outShape[dim] = 0;
    for (int t = 0; t < in.length; t++) {
      int[] s = in[t].shape();
      int[] a = s.clone();
      int[] b = first.clone();
      if (s.length == first.length) {
        a[dim] = 0;
        b[dim] = 0;
      }
      if (!Arrays.equals(a, b)) {
        throw new IllegalArgumentException("cat: shapes " + Shapes.str(first) + " and " + Shapes.str(s)
            + " differ outside dim " + dim);
      }
      sizes[t] = s[dim];
      if (outShape[dim] > Integer.MAX_VALUE - s[dim]) {
        throw new IllegalArgumentException("cat: the sizes along dim " + dim + " add up to more than 2^31-1 (shape "
            + Shapes.str(s) + " joined to " + Shapes.str(outShape) + ")");
      }
      outShape[dim] += s[dim];
    }
    int outer = Shapes.outer(outShape, dim);
    int inner = Shapes.inner(outShape, dim);
    float[] out = new float[Shapes.numel(outShape)];
    int rowOut = outShape[dim] * inner;
    for (int t = 0, at = 0; t < in.length; t++) {
      int chunk = sizes[t] * inner;
      float[] src = in[t].array();
      int so = in[t].arrayOffset();
      for (int o = 0; o < outer; o++) System.arraycopy(src, so + o * chunk, out, o * rowOut + at, chunk);
      at += chunk;
    }
    return Tensor.wrap(out, outShape);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor[] grads = new Tensor[sizes.length];
    for (int t = 0, start = 0; t < sizes.length; start += sizes[t], t++) {
      if (needsInputGrad(t)) grads[t] = g.narrow(dim, start, sizes[t]).copy();
    }
    return grads;
  }
}
