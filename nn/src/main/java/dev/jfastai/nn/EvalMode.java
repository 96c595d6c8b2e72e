package dev.jfastai.nn;

/**
 * A scope in which every {@link Module} reports {@link Module#isTraining()} false on the thread that opened it,
 * without changing any module's own mode: Dropout is off and running statistics are not updated there, while
 * other threads see the modules as they are. Inference from many threads uses it instead of {@code eval()}:
 * {@code try (EvalMode ignored = Module.evalMode()) { model.forward(x); }}. Scopes nest; use it on the thread
 * that opened it.
 */
public final class EvalMode implements AutoCloseable {
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private boolean closed;

  EvalMode() {
    DEPTH.get()[0]++;
  }

  /** Whether the calling thread is inside a scope. */
  static boolean active() {
    return DEPTH.get()[0] > 0;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      DEPTH.get()[0]--;
    }
  }
}
