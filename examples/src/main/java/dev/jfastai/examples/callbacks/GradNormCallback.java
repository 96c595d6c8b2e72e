package dev.jfastai.examples.callbacks;

import dev.jfastai.learner.Callback;
import dev.jfastai.learner.Learner;
import dev.jfastai.tensor.Tensor;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Example callback: prints the global L2 norm of the gradients every {@code every} training batches, right after
 * the backward pass (a quick way to spot vanishing or exploding gradients). It overrides one event, reads the loop
 * through the learner's getters, and gets its settings by injection from {@link GradNormModule}.
 */
public final class GradNormCallback implements Callback {
  private final int every;
  private final PrintStream out;

  @Inject
  public GradNormCallback(@Named(GradNormModule.EVERY) int every, @Named(GradNormModule.OUT) PrintStream out) {
    if (every <= 0) throw new IllegalArgumentException("GradNormCallback: every must be > 0 batches, got " + every);
    this.every = every;
    this.out = out;
  }

  @Override
  public void afterBackward(Learner learn) {
    int batch = learn.trainIter() + 1; // counted from 1 across the whole fit
    if (batch % every != 0) return;
    out.printf(Locale.ROOT, "epoch %d  batch %d  grad norm %.6f%n", learn.epoch(), batch, gradNorm(learn));
    out.flush();
  }

  /** sqrt of the sum of squares of every parameter's gradient (parameters without one count as zero). */
  static double gradNorm(Learner learn) {
    double sumOfSquares = 0;
    for (Tensor p : learn.model().parameters()) {
      sumOfSquares += p.grad().map(g -> g.mul(g).sum().item()).orElse(0f);
    }
    return Math.sqrt(sumOfSquares);
  }
}
