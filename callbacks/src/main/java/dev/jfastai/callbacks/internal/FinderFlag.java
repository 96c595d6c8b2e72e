package dev.jfastai.callbacks.internal;

import dev.jfastai.learner.Learner;
import dev.jfastai.learner.TypedStore;

/** Marks a learner's store while the LR finder runs its mock training, so loggers and trackers stay out of it. */
public final class FinderFlag {
  private static final TypedStore.Key<Boolean> RUNNING = TypedStore.Key.of("lrFinderRunning", Boolean.class);

  private FinderFlag() {}

  public static boolean isRunning(Learner learn) {
    return learn.store().get(RUNNING).orElse(false);
  }

  public static void set(Learner learn, boolean running) {
    if (running) learn.store().put(RUNNING, true);
    else learn.store().remove(RUNNING);
  }
}
