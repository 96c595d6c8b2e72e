package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.StoragePool;

/**
 * The shape every parameter-free unary op shares, so that its class holds only its math: {@link #value} is the
 * forward loop y = f(x) and {@link #gradient} the backward loop dx = g * f'(...), side by side. The op says which
 * tensor its derivative reads (its input x, its output y, or nothing); this class saves it and allocates arrays.
 */
abstract class ElementwiseUnary extends BuiltInOp {
  /** What {@link #gradient} reads as {@code s}. */
  enum Saves { INPUT, OUTPUT, NOTHING }

  private final Saves saves;
  private Tensor saved;

  ElementwiseUnary(Saves saves) {
    this.saves = saves;
  }

  /** Fills {@code y[i] = f(x[xi + i])} for every i below {@code y.length}. */
  abstract void value(float[] x, int xi, float[] y);

  /**
   * Fills {@code dx[i]} with the input gradient for every i below {@code dx.length}, from the output gradient
   * {@code g[gi + i]} and the saved input or output {@code s[si + i]} (s is null when the op saves nothing).
   */
  abstract void gradient(float[] s, int si, float[] g, int gi, float[] dx);

  @Override
  protected final Tensor forward(Tensor... in) {
    Tensor x = in[0];
    float[] y = StoragePool.take(x.numel());
    value(x.array(), x.arrayOffset(), y);
    Tensor out = Tensor.wrap(y, x.shape());
    if (saves == Saves.INPUT) saved = save(x);
    if (saves == Saves.OUTPUT) saved = save(out);
    return out;
  }

  /** The input gradient is written in full into an array of its own. */
  @Override
  protected final boolean returnsFreshGradients() {
    return true;
  }

  @Override
  protected final Tensor[] backward(Tensor g) {
    float[] dx = StoragePool.take(g.numel());
    if (saved == null) {
      gradient(null, 0, g.array(), g.arrayOffset(), dx);
    } else {
      gradient(saved.array(), saved.arrayOffset(), g.array(), g.arrayOffset(), dx);
    }
    return new Tensor[] {Tensor.wrap(dx, g.shape())};
  }
}
