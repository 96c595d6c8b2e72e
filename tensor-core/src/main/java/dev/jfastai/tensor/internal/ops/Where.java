package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;

/** where(cond, a, b) with broadcasting of all three: the gradient goes to a where cond is non-zero, else to b. */
public final class Where extends BuiltInOp {
  private Tensor cond;
  private int[] aShape;
  private int[] bShape;

  @Override
  protected Tensor forward(Tensor... in) {
    aShape = in[1].shape();
    bShape = in[2].shape();
    int[] shape = Shapes.broadcast("where", in[0].shape(), Shapes.broadcast("where", aShape, bShape));
    cond = save(in[0].expand(shape));
    Tensor a = in[1].expand(shape);
    Tensor b = in[2].expand(shape);
    return select(cond, a.array(), a.arrayOffset(), b.array(), b.arrayOffset(), shape);
  }

  private static Tensor select(Tensor cond, float[] a, int ao, float[] b, int bo, int[] shape) {
    float[] c = cond.array();
    int co = cond.arrayOffset();
    float[] out = new float[Shapes.numel(shape)];
    for (int i = 0; i < out.length; i++) out[i] = c[co + i] != 0f ? a[ao + i] : b[bo + i];
    return Tensor.wrap(out, shape);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    float[] zeros = new float[g.numel()];
    Tensor ga = needsInputGrad(1) ? select(cond, g.array(), g.arrayOffset(), zeros, 0, g.shape()) : null;
    Tensor gb = needsInputGrad(2) ? select(cond, zeros, 0, g.array(), g.arrayOffset(), g.shape()) : null;
    return new Tensor[] {
        null,
        ga == null ? null : Elementwise.sumTo(ga, aShape),
        gb == null ? null : Elementwise.sumTo(gb, bShape)};
  }
}
