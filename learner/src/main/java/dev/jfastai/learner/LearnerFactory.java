package dev.jfastai.learner;

import com.google.inject.Provider;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.nn.Module;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Makes learners whose callbacks come from Guice:
 * {@code injector.getInstance(LearnerFactory.class).builder(dls, model).optFunc(...).lossFunc(...).build()}. The
 * builder is {@link Learner#builder}'s with the bound callbacks already added; each learner gets its own callback
 * instances (the set is provided anew per builder).
 */
public final class LearnerFactory {
  private final Provider<Set<Callback>> callbacks;

  @Inject
  public LearnerFactory(Provider<Set<Callback>> callbacks) {
    this.callbacks = callbacks;
  }

  /** {@code Learner.builder(dls, model)} with a fresh instance of every callback bound in the injector. */
  public LearnerBuilder builder(DataLoaders dls, Module model) {
    return Learner.builder(dls, model).callbacks(callbacks.get().toArray(new Callback[0]));
  }
}
