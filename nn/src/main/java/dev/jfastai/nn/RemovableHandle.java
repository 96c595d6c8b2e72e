package dev.jfastai.nn;

/**
 * Removes the hook it was returned for, like PyTorch's {@code RemovableHandle}; removing twice is harmless. Being
 * {@link AutoCloseable}, a try-with-resources block scopes a hook.
 */
public final class RemovableHandle implements AutoCloseable {
  private final Runnable remove;
  private boolean removed;

  RemovableHandle(Runnable remove) {
    this.remove = remove;
  }

  /** Detaches the hook; later calls do nothing. */
  public void remove() {
    if (removed) return;
    removed = true;
    remove.run();
  }

  @Override
  public void close() {
    remove();
  }
}
