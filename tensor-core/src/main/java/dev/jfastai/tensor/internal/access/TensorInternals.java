package dev.jfastai.tensor.internal.access;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;

/**
 * What {@code dev.jfastai.nn} does to tensors beyond the public API, so that a training step reuses storage instead
 * of allocating it in cold memory (this package is exported to that module only):
 * <ul>
 *   <li>optimizers read a parameter's gradient without marking it seen ({@link #peekGrad}), and clear it so that the
 *       next backward writes the new gradient into its storage when no one else has seen it
 *       ({@link #clearGradForReuse});</li>
 *   <li>optimizers, which write parameters through their arrays, count each step as an in-place change
 *       ({@link #markModified}), so that a backward needing the old values fails instead of using the new ones;</li>
 *   <li>{@code Sequential} marks the activations that pass between two layers that keep no activations (see
 *       {@code Module.keepsActivations}), which no other code can reach, so that backward recycles their storage
 *       once it has freed the graph ({@link #markIntermediate}), or, with gradients off (validation), as soon as the
 *       next layer has read it ({@link #recycleIfUnrecorded}).</li>
 * </ul>
 * Each reuse saves a fresh array zeroed in cold young-generation memory (measured in the README's speed section).
 */
public final class TensorInternals {
  /** Implemented by {@link Tensor}, which registers it when its class initialises. */
  public interface Access {
    Tensor peekGrad(Tensor param);

    void clearGradForReuse(Tensor param);

    void markIntermediate(Tensor activation);

    void recycleIfUnrecorded(Tensor activation);

    void checkWritable(String op, Tensor target);

    void markModified(Tensor target);

    boolean isRecording(Function op);
  }

  private static Access access;

  private TensorInternals() {}

  /** Called once, by Tensor's static initialiser. */
  public static void register(Access tensorAccess) {
    if (access != null) throw new IllegalStateException("TensorInternals: access is already registered");
    access = tensorAccess;
  }

  /**
   * The gradient of {@code param}, or null, without marking it seen: only for code that keeps no reference to it
   * (or to its array) past the optimizer step that reads it.
   */
  public static Tensor peekGrad(Tensor param) {
    return access.peekGrad(param);
  }

  /**
   * Clears the gradient of {@code param}, as {@code setGrad(null)}; when nothing but {@link #peekGrad} has read it
   * since backward made it, its storage becomes the buffer the next backward writes this parameter's gradient into.
   */
  public static void clearGradForReuse(Tensor param) {
    access.clearGradForReuse(param);
  }

  /**
   * Marks the output of one layer that only the next layer reads, and that neither layer keeps, returns or views:
   * once a backward pass (without retainGraph) has freed the graph node that read it, its storage is recycled for
   * later tensors of the same size. Only for tensors no code outside the two layers and the graph can reach.
   */
  public static void markIntermediate(Tensor activation) {
    access.markIntermediate(activation);
  }

  /**
   * Recycles the storage of an activation marked by {@link #markIntermediate} at once when gradients are off on this
   * thread: no graph node then holds it, so once the next layer has read it nothing can. Does nothing otherwise.
   */
  public static void recycleIfUnrecorded(Tensor activation) {
    access.recycleIfUnrecorded(activation);
  }

  /**
   * Whether {@code op}'s forward, running now, records a graph node that a backward may use: an op keeps state for
   * its backward only then (validation, under no-grad, keeps nothing).
   */
  public static boolean isRecording(Function op) {
    return access.isRecording(op);
  }

  /** Throws an IllegalStateException naming {@code op} when {@code target} is a read-only view. */
  public static void checkWritable(String op, Tensor target) {
    access.checkWritable(op, target);
  }

  /**
   * Counts one in-place change of {@code target}'s storage (see {@link Tensor#version()}): for code that writes
   * through {@link Tensor#array()}.
   */
  public static void markModified(Tensor target) {
    access.markModified(target);
  }
}
