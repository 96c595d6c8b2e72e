package dev.jfastai.learner;

import com.google.inject.Provider;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.nn.LossFunction;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.optim.OptimizerFactory;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Makes learners whose callbacks come from Guice: {@code injector.getInstance(LearnerFactory.class).create(...)}.
 * Each learner gets its own callback instances (the set is provided anew per learner).
 */
public final class LearnerFactory {
  private final Provider<Set<Callback>> callbacks;

  @Inject
  public LearnerFactory(Provider<Set<Callback>> callbacks) {
    this.callbacks = callbacks;
  }

  public Learner create(DataLoaders dls, Module model, OptimizerFactory optFunc, LossFunction lossFunc,
      Metric... metrics) {
    return create(dls, model, optFunc, lossFunc, Path.of("."), metrics);
  }

  public Learner create(DataLoaders dls, Module model, OptimizerFactory optFunc, LossFunction lossFunc, Path path,
                        Metric... metrics) {
    return new Learner(dls, model, optFunc, lossFunc, List.of(metrics), List.copyOf(callbacks.get()), path,
        BatchSteps.LOCAL);
  }
}
