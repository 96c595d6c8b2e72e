package dev.jfastai.callbacks;

import dev.jfastai.learner.Callback;
import dev.jfastai.learner.Learner;
import dev.jfastai.tensor.Tensor;
import java.util.OptionalDouble;

/**
 * fastai's {@code GradientClip}: after the backward pass, scales all gradients of the model together so that their
 * total L2 norm is at most {@code maxNorm}, as {@code torch.nn.utils.clip_grad_norm_} does (coefficient
 * {@code maxNorm / (norm + 1e-6)}, applied only when below 1).
 */
public final class GradientClip implements Callback {
  private final double maxNorm;
  private double lastNorm = Double.NaN;

  /** fastai's default, {@code maxNorm} 1. */
  public GradientClip() {
    this(1.0);
  }

  public GradientClip(double maxNorm) {
    if (!(maxNorm > 0)) throw new IllegalArgumentException("GradientClip: maxNorm must be > 0, got " + maxNorm);
    this.maxNorm = maxNorm;
  }

  @Override
  public void afterBackward(Learner learn) {
    lastNorm = clip(learn.model().parameters(), maxNorm);
  }

  /** The total gradient norm measured at the last batch, before clipping; empty before the first backward. */
  public OptionalDouble lastNorm() {
    return Double.isNaN(lastNorm) ? OptionalDouble.empty() : OptionalDouble.of(lastNorm);
  }

  /**
   * Clips the gradients of {@code params} in place to a total L2 norm of at most {@code maxNorm}; parameters without
   * a gradient are skipped. Returns the norm before clipping.
   */
  public static double clip(Iterable<Tensor> params, double maxNorm) {
    double sumSq = 0;
    for (Tensor p : params) {
      Tensor g = p.grad().orElse(null);
      if (g == null) continue;
      float[] a = g.array();
      int off = g.arrayOffset();
      for (int i = 0, n = g.numel(); i < n; i++) sumSq += (double) a[off + i] * a[off + i];
    }
    double norm = Math.sqrt(sumSq);
    double coef = maxNorm / (norm + 1e-6);
    if (coef < 1) {
      for (Tensor p : params) p.grad().ifPresent(g -> g.mulInPlace((float) coef)); // grads are not in any graph
    }
    return norm;
  }
}
