package dev.jfastai.tensor;

/**
 * A scope in which ops record no autograd graph, for inference and for in-place parameter updates:
 * {@code try (NoGrad ignored = Tensor.noGrad()) { p.subInPlace(p.grad().orElseThrow().mul(lr)); }}. Scopes nest;
 * closing one restores the mode that was in force when it was opened. Use it on the thread that opened it.
 */
public final class NoGrad implements AutoCloseable {
  private final boolean previouslyDisabled;
  private boolean closed;

  NoGrad() {
    this.previouslyDisabled = GradMode.disable();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      GradMode.restore(previouslyDisabled);
    }
  }
}
