package dev.jfastai.tensor.internal.access;

import dev.jfastai.tensor.Tensor;

/**
 * What the optimizers of {@code dev.jfastai.nn} do with a parameter's gradient beyond the public API; this package is
 * exported to that module only. {@link #peek} reads the gradient without marking it seen, as {@link Tensor#grad()}
 * does; {@link #clearForReuse} clears it and, when no one has seen it, keeps its storage for the next backward to
 * write the new gradient into: a step then neither allocates nor zeroes its weight gradients. In the chapter's
 * training step (~200 us) that saved ~15 us: the 94 KB weight gradient was zeroed in cold memory every step.
 */
public final class ParameterGradients {
  /** Implemented by {@link Tensor}, which registers it when its class initialises. */
  public interface Access {
    Tensor peek(Tensor param);

    void clearForReuse(Tensor param);
  }

  private static Access access;

  private ParameterGradients() {}

  /** Called once, by Tensor's static initialiser. */
  public static void register(Access tensorAccess) {
    if (access != null) throw new IllegalStateException("ParameterGradients: access is already registered");
    access = tensorAccess;
  }

  /**
   * The gradient of {@code param}, or null, without marking it seen: only for code that keeps no reference to it
   * (or to its array) past the optimizer step that reads it.
   */
  public static Tensor peek(Tensor param) {
    return access.peek(param);
  }

  /**
   * Clears the gradient of {@code param}, as {@code setGrad(null)}; when nothing but {@link #peek} has read it since
   * backward made it, its storage becomes the buffer the next backward writes this parameter's gradient into.
   */
  public static void clearForReuse(Tensor param) {
    access.clearForReuse(param);
  }
}
