package dev.jfastai.learner;

import com.google.inject.AbstractModule;

/**
 * Guice module that declares the callback set, so {@link LearnerFactory} works even before any callback is bound.
 * Install it next to your own modules, which add callbacks through {@link CallbackBinder}.
 */
public final class LearnerModule extends AbstractModule {
  @Override
  protected void configure() {
    CallbackBinder.callbacks(binder());
  }
}
