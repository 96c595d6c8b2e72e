package dev.jfastai.tensor;

import dev.jfastai.tensor.internal.StoragePool;

/**
 * One differentiable op, like PyTorch's {@code torch.autograd.Function}: {@link #forward} computes the result
 * (with graph recording off) and saves in fields what {@link #backward} needs; {@code backward} turns the
 * gradient of the output into one gradient per input. Create a fresh instance per call and use {@link #apply}.
 *
 * <p>Nullability: an input may be null where the op allows it (an absent bias, say); {@link #forward} must return a
 * non-null tensor; {@link #backward} receives a non-null gradient of the output's shape and returns one entry per
 * input, null allowed only where {@link #needsInputGrad(int)} is false.
 *
 * <p>Threading: an instance belongs to one graph and is not thread-safe. {@code forward} runs on the thread that
 * calls {@link #apply} (grad mode is per thread), {@code backward} on the thread that calls
 * {@link Tensor#backward()}; do not run two backward passes through the same graph at the same time.
 *
 * <p>Exceptions: {@code forward} should reject bad inputs with an {@link IllegalArgumentException} naming the shapes;
 * an exception from {@code forward} leaves {@code apply} unchanged and records nothing, one from {@code backward}
 * leaves {@link Tensor#backward()} unchanged. Applying an instance a second time throws
 * {@link IllegalStateException}.
 */
public abstract class Function {
  Tensor[] inputs;
  private boolean[] needsInputGrad;
  private boolean freed;

  /** Computes the output from the inputs; graph recording is off while it runs. */
  protected abstract Tensor forward(Tensor... inputs);

  /**
   * Gradients of the loss with respect to each input, given the gradient of the output; each has its input's
   * shape, and may be null where {@link #needsInputGrad(int)} is false.
   */
  protected abstract Tensor[] backward(Tensor gradOutput);

  /** Whether input {@code i} requires a gradient, so backward can skip work for the others. */
  protected final boolean needsInputGrad(int i) {
    return needsInputGrad != null && i < needsInputGrad.length && needsInputGrad[i];
  }

  /**
   * Whether every gradient {@link #backward} returns is a new tensor that nothing else references (not the incoming
   * gradient, not a saved tensor, not a view of either, and a different one per input). A leaf then takes it as its
   * {@code grad} without a copy. Override to return true only when that holds; the default copies.
   */
  protected boolean returnsFreshGradients() {
    return false;
  }

  /**
   * An array of {@code size} floats for the gradient of input {@code i}, which backward must fill in full and return
   * as a fresh gradient (see {@link #returnsFreshGradients()}): the storage of that input's previous gradient when an
   * optimizer cleared it unseen, else a recycled array of a dead tensor (see StoragePool), else a new one; the first
   * two hold old values.
   */
  protected final float[] gradientBuffer(int i, int size) {
    Tensor input = inputs[i];
    float[] reused = input.isLeaf() && input.grad != null ? input.grad.takeBuffer(size) : null;
    return reused != null ? reused : StoragePool.take(size);
  }

  /** A short name for error messages and {@code toString}, by default the class's simple name. */
  public String name() {
    return getClass().getSimpleName();
  }

  /** Runs the op and, when grad mode is on and an input requires grad, records it in the graph. */
  public final Tensor apply(Tensor... inputs) {
    boolean track = false;
    if (GradMode.isEnabled()) {
      for (Tensor t : inputs) track |= t != null && t.requiresGrad();
    }
    if (!track) return forward(inputs);
    if (this.inputs != null) throw new IllegalStateException(name() + ": a Function instance can be applied only once");
    boolean previous = GradMode.disable();
    Tensor out;
    try {
      out = forward(inputs);
    } finally {
      GradMode.restore(previous);
    }
    for (Tensor t : inputs) {
      if (out == t) {
        out = t.detach(); // the output must be a node of its own, even when it shares storage
        break;
      }
    }
    this.inputs = inputs.clone();
    this.needsInputGrad = new boolean[inputs.length];
    for (int i = 0; i < inputs.length; i++) needsInputGrad[i] = inputs[i] != null && inputs[i].requiresGrad();
    out.setGradFn(this);
    return out;
  }

  boolean isFreed() {
    return freed;
  }

  /** Drops the references that keep the graph alive; a later backward through here is an error. */
  void free() {
    inputs = null;
    freed = true;
  }
}
