package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.StoragePool;
import dev.jfastai.tensor.internal.kernels.UnaryOp;

/**
 * Shared shape of the parameter-free unary ops: forward runs a {@link UnaryOp} kernel and saves either the input
 * or the output; backward is one tight loop per op, written in {@link #gradient}.
 */
abstract class ElementwiseUnary extends Function {
  private final UnaryOp op;
  private final boolean savesOutput;
  private Tensor saved;

  ElementwiseUnary(UnaryOp op, boolean savesOutput) {
    this.op = op;
    this.savesOutput = savesOutput;
  }

  @Override
  protected final Tensor forward(Tensor... in) {
    Tensor out = Elementwise.unary(op, in[0]);
    saved = savesOutput ? out : in[0];
    return out;
  }

  /** The input gradient is written in full into an array of its own. */
  @Override
  protected final boolean returnsFreshGradients() {
    return true;
  }

  @Override
  protected final Tensor[] backward(Tensor g) {
    float[] out = StoragePool.take(g.numel());
    gradient(saved.array(), saved.arrayOffset(), g.array(), g.arrayOffset(), out);
    return new Tensor[] {Tensor.wrap(out, g.shape())};
  }

  /**
   * Fills {@code out[i]} with the input gradient, from the saved value {@code s[so+i]} and output gradient {@code
   * g[go+i]}.
   */
  abstract void gradient(float[] s, int so, float[] g, int go, float[] out);
}
