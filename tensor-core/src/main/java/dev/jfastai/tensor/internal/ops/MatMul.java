package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;
import dev.jfastai.tensor.internal.kernels.Gemm;
import java.util.Arrays;

/**
 * Matrix product of a [..., m, k] and b [k, n] (a's batch folded into m: one GEMM) or b [..., k, n] with the
 * same batch dims as a (one GEMM per batch). Backward: dA = dC·Bᵀ, dB = Aᵀ·dC, with transposes read in place.
 */
public final class MatMul extends Function {
  private Tensor a;
  private Tensor b;
  private int batch;
  private int m;
  private int k;
  private int n;

  @Override
  protected Tensor forward(Tensor... in) {
    a = in[0];
    b = in[1];
    int[] as = a.shape();
    int[] bs = b.shape();
    k = as[as.length - 1];
    n = bs[bs.length - 1];
    if (bs[bs.length - 2] != k || (bs.length > 2 && !sameBatch(as, bs))) {
      throw mismatch(as, bs);
    }
    batch = bs.length == 2 ? 1 : Shapes.outer(as, as.length - 2);
    m = Shapes.numel(as) / k / batch;
    int[] outShape = as.clone();
    outShape[outShape.length - 1] = n;
    float[] c = new float[Shapes.numel(outShape)];
    for (int i = 0; i < batch; i++) {
      Gemm.gemm(false, false, m, n, k, a.array(), a.arrayOffset() + i * m * k,
          b.array(), b.arrayOffset() + i * k * n, c, i * m * n, false);
    }
    return Tensor.wrap(c, outShape);
  }

  /**
   * {@code torch.matmul}'s rules: 2-D x 2-D, batched [..., m, k] x [..., k, n] with broadcast batch dims, and 1-D
   * operands treated as a row (left) or column (right) vector that is removed afterwards.
   */
  public static Tensor matmul(Tensor a, Tensor b) {
    int[] as = a.shape();
    int[] bs = b.shape();
    if (as.length == 0 || bs.length == 0) {
      throw new IllegalArgumentException("matmul: shapes " + Shapes.str(as) + " and " + Shapes.str(bs)
          + " do not match (both operands need at least one dim)");
    }
    if (as.length == 1 && bs.length == 1) {
      if (as[0] != bs[0]) throw mismatch(as, bs);
      return matmul(a.unsqueeze(0), b).squeeze(0);
    }
    if (as.length == 1) return matmul(a.unsqueeze(0), b).squeeze(-2);
    if (bs.length == 1) return matmul(a, b.unsqueeze(1)).squeeze(-1);
    if (as[as.length - 1] != bs[bs.length - 2]) throw mismatch(as, bs);
    if (bs.length == 2) return new MatMul().apply(a, b);
    int[] batch = Shapes.broadcast("matmul", Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
    return new MatMul().apply(expandBatch(a, batch), expandBatch(b, batch));
  }

  private static IllegalArgumentException mismatch(int[] as, int[] bs) {
    return new IllegalArgumentException("matmul: shapes " + Shapes.str(as) + " and " + Shapes.str(bs)
        + " do not match");
  }

  private static Tensor expandBatch(Tensor t, int[] batch) {
    int[] s = t.shape();
    int[] target = Arrays.copyOf(batch, batch.length + 2);
    target[batch.length] = s[s.length - 2];
    target[batch.length + 1] = s[s.length - 1];
    return t.expand(target);
  }

  private static boolean sameBatch(int[] as, int[] bs) {
    if (as.length != bs.length) return false;
    for (int d = 0; d < as.length - 2; d++) if (as[d] != bs[d]) return false;
    return true;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor ga = null;
    Tensor gb = null;
    if (needsInputGrad(0)) {
      float[] out = new float[a.numel()];
      for (int i = 0; i < batch; i++) {
        Gemm.gemm(false, true, m, k, n, g.array(), g.arrayOffset() + i * m * n,
            b.array(), b.arrayOffset() + i * k * n, out, i * m * k, false);
      }
      ga = Tensor.wrap(out, a.shape());
    }
    if (needsInputGrad(1)) {
      float[] out = new float[b.numel()];
      for (int i = 0; i < batch; i++) {
        Gemm.gemm(true, false, k, n, m, a.array(), a.arrayOffset() + i * m * k,
            g.array(), g.arrayOffset() + i * m * n, out, i * k * n, false);
      }
      gb = Tensor.wrap(out, b.shape());
    }
    return new Tensor[] {ga, gb};
  }
}
