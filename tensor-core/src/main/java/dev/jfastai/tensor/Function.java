package dev.jfastai.tensor;

import dev.jfastai.tensor.internal.Shapes;
import dev.jfastai.tensor.internal.StoragePool;
import java.util.Arrays;

/**
 * One differentiable op, like PyTorch's {@code torch.autograd.Function}: {@link #forward} computes the result
 * (with graph recording off) and keeps in fields what {@link #backward} needs, passing each tensor it keeps through
 * {@link #save}; {@code backward} turns the gradient of the output into one gradient per input. Create a fresh
 * instance per call and use {@link #apply}.
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
 * {@link IllegalStateException}, and so does backward when a tensor passed to {@link #save} was changed in place
 * since (PyTorch's "modified by an inplace operation").
 */
public abstract class Function {
  Tensor[] inputs;
  private boolean[] needsInputGrad;
  private boolean freed;
  private boolean recording;
  private Tensor[] saved;
  private int[] savedVersions;
  private int savedCount;

  /** Computes the output from the inputs; graph recording is off while it runs. */
  protected abstract Tensor forward(Tensor... inputs);

  /**
   * Gradients of the loss with respect to each input, given the gradient of the output; each has its input's
   * shape, and may be null where {@link #needsInputGrad(int)} is false.
   */
  protected abstract Tensor[] backward(Tensor gradOutput);

  /**
   * Marks {@code t} (an input, the output, or any tensor backward will read) as needed by {@link #backward} and
   * returns it. Backward then fails, as PyTorch's does, if an in-place op (e.g. {@code subInPlace}, an optimizer step)
   * changed it after this call: its values would no longer be those the gradient formula needs.
   */
  protected final Tensor save(Tensor t) {
    if (!recording || t == null) return t;
    if (saved == null) {
      saved = new Tensor[2];
      savedVersions = new int[2];
    } else if (savedCount == saved.length) {
      saved = Arrays.copyOf(saved, savedCount * 2);
      savedVersions = Arrays.copyOf(savedVersions, savedCount * 2);
    }
    saved[savedCount] = t;
    savedVersions[savedCount++] = t.version();
    return t;
  }

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
   * Whether {@link #backward} may keep a reference to the gradient it is given (or to its array) after it returns.
   * The default, true, is the safe answer for any Function; a Function that only reads {@code gradOutput}, or passes
   * it on as one of the gradients it returns, overrides this to return false, and backward then recycles that
   * gradient's storage once it is consumed (see StoragePool). The built-in ops do.
   */
  protected boolean keepsGradOutput() {
    return true;
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
    recording = true;
    try {
      out = forward(inputs);
    } finally {
      recording = false;
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

  /** Throws PyTorch's error when a tensor passed to {@link #save} was changed in place since. */
  void checkSavedVersions() {
    for (int i = 0; i < savedCount; i++) {
      int now = saved[i].version();
      if (now != savedVersions[i]) {
        throw new IllegalStateException("one of the variables needed for gradient computation has been modified by an "
            + "inplace operation: " + Shapes.str(saved[i].shape()) + ", saved by " + name() + ", is at version " + now
            + "; expected version " + savedVersions[i] + " instead. Hint: change tensors in place (subInPlace, "
            + "an optimizer step) only after backward, or let the forward pass use a copy()");
      }
    }
  }

  /** Whether {@link #forward} is running for a graph that a backward may use (TensorInternals.isRecording). */
  boolean recording() {
    return recording;
  }

  boolean isFreed() {
    return freed;
  }

  /** Drops the references that keep the graph alive; a later backward through here is an error. */
  void free() {
    inputs = null;
    saved = null;
    savedCount = 0;
    freed = true;
  }
}
