package dev.jfastai.tensor;

/** Per-thread switch for graph recording, like PyTorch's grad mode. */
final class GradMode {
  private static final ThreadLocal<boolean[]> DISABLED = ThreadLocal.withInitial(() -> new boolean[1]);

  private GradMode() {}

  static boolean isEnabled() {
    return !DISABLED.get()[0];
  }

  /** Disables recording; returns the previous "disabled" flag for {@link #restore}. */
  static boolean disable() {
    boolean[] flag = DISABLED.get();
    boolean previous = flag[0];
    flag[0] = true;
    return previous;
  }

  static void restore(boolean previouslyDisabled) {
    DISABLED.get()[0] = previouslyDisabled;
  }
}
