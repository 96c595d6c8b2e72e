package dev.jfastai.learner;

import java.util.function.Consumer;

/**
 * A plug-in to the fit loop: override only the events you need (every method defaults to doing nothing). The
 * learner passes itself, so a callback reads and changes the loop's state through typed getters and setters
 * ({@link Learner#epoch()}, {@link Learner#xb()}, {@link Learner#setLoss}, {@link Learner#opt()}, ...).
 *
 * <p>Order: callbacks run by ascending {@link #order()}, ties by class name and then registration order
 * (fastai's values: {@link TrainEvalCallback} -10, {@link Recorder} 50, progress 60). To skip the rest of a stage,
 * throw one of the {@link CancelException} subclasses; any other exception stops the fit: every callback's
 * {@link #onError} runs, then the exception propagates (wrapped in {@link CallbackException} if a callback threw it).
 *
 * <p>Nullability: the {@code learn} passed to every method, and {@code error} in {@link #onError}, are never null;
 * {@link #name()} must not return null. A learner getter called outside the state it describes (for example
 * {@link Learner#xb()} outside a batch) throws {@link IllegalStateException} rather than returning null.
 *
 * <p>Threading: the learner calls its callbacks one at a time, in the order above, on the thread that called
 * {@code fit}, {@code validate} or {@code getPreds}; a callback needs no synchronisation unless you share one instance
 * between learners that run at the same time (Guice gives each learner built from an injector its own instances).
 *
 * <p>Exceptions: a method may throw a {@link CancelException} subclass to skip the rest of a stage, or any unchecked
 * exception to stop the fit as described above; checked exceptions must be wrapped (for I/O, in
 * {@link java.io.UncheckedIOException}). Exceptions thrown from {@link #onError} are added to the original one as
 * suppressed and do not replace it.
 */
public interface Callback {
  /** Position among callbacks: lower runs first. */
  default int order() {
    return 0;
  }

  /** A readable name, by default the class's simple name. */
  default String name() {
    String simple = getClass().getSimpleName();
    return simple.isEmpty() ? getClass().getName() : simple;
  }

  default void beforeFit(Learner learn) {}

  default void beforeEpoch(Learner learn) {}

  default void beforeTrain(Learner learn) {}

  default void beforeBatch(Learner learn) {}

  default void afterPred(Learner learn) {}

  default void afterLoss(Learner learn) {}

  default void beforeBackward(Learner learn) {}

  default void afterCancelBackward(Learner learn) {}

  default void afterBackward(Learner learn) {}

  default void beforeStep(Learner learn) {}

  default void afterCancelStep(Learner learn) {}

  default void afterStep(Learner learn) {}

  default void afterCancelBatch(Learner learn) {}

  default void afterBatch(Learner learn) {}

  default void afterCancelTrain(Learner learn) {}

  default void afterTrain(Learner learn) {}

  default void beforeValidate(Learner learn) {}

  default void afterCancelValidate(Learner learn) {}

  default void afterValidate(Learner learn) {}

  default void afterCancelEpoch(Learner learn) {}

  default void afterEpoch(Learner learn) {}

  default void afterCancelFit(Learner learn) {}

  default void afterFit(Learner learn) {}

  /**
   * Called once when fit, validate or getPreds fails with an exception that is not a cancel, before it propagates:
   * close files, restore state. Exceptions thrown here are attached to the original as suppressed.
   */
  default void onError(Learner learn, Throwable error) {}

  /** A one-off callback that runs {@code action} on one event, e.g. {@code Callback.on(Event.afterEpoch, l -> ...)}. */
  static Callback on(Event event, Consumer<Learner> action) {
    return new EventCallback(event, action, 0);
  }

  /** Like {@link #on(Event, Consumer)} with an explicit order. */
  static Callback on(Event event, int order, Consumer<Learner> action) {
    return new EventCallback(event, action, order);
  }
}
