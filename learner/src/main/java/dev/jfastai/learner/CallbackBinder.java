package dev.jfastai.learner;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;

/**
 * Registers callbacks with Guice: in your module's {@code configure()},
 * {@code CallbackBinder.callbacks(binder()).addBinding().to(MyCallback.class);}. Every learner built from the
 * injector ({@link LearnerFactory}, {@link LearnerBuilder#callbacksFrom}) gets fresh instances of them.
 */
public final class CallbackBinder {
  private CallbackBinder() {}

  public static Multibinder<Callback> callbacks(Binder binder) {
    return Multibinder.newSetBinder(binder, Callback.class);
  }
}
