package dev.jfastai.learner;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.nn.LossFunction;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.optim.OptimizerFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Builds a {@link Learner}: {@code Learner.builder(dls, model).optFunc(...).lossFunc(...).metrics(...).build()}. */
public final class LearnerBuilder {
  private final DataLoaders dls;
  private final Module model;
  private OptimizerFactory optFunc;
  private LossFunction lossFunc;
  private final List<Metric> metrics = new ArrayList<>();
  private final List<Callback> callbacks = new ArrayList<>();
  private Path path = Path.of(".");
  private String modelDir = "models";
  private boolean wdBnBias;
  private BatchSteps batchSteps = BatchSteps.LOCAL;

  LearnerBuilder(DataLoaders dls, Module model) {
    this.dls = dls;
    this.model = model;
  }

  public LearnerBuilder optFunc(OptimizerFactory optFunc) {
    this.optFunc = optFunc;
    return this;
  }

  public LearnerBuilder lossFunc(LossFunction lossFunc) {
    this.lossFunc = lossFunc;
    return this;
  }

  public LearnerBuilder metrics(Metric... metrics) {
    this.metrics.addAll(List.of(metrics));
    return this;
  }

  public LearnerBuilder callbacks(Callback... callbacks) {
    this.callbacks.addAll(List.of(callbacks));
    return this;
  }

  /** Adds every callback bound in the injector's {@code Multibinder<Callback>} (see {@link CallbackBinder}). */
  public LearnerBuilder callbacksFrom(Injector injector) {
    Key<Set<Callback>> key = Key.get(new TypeLiteral<Set<Callback>>() {});
    if (injector.getExistingBinding(key) != null) callbacks.addAll(injector.getInstance(key));
    return this;
  }

  /** The learner's folder: checkpoints go to {@code path/models}, logs beside. */
  public LearnerBuilder path(Path path) {
    this.path = Objects.requireNonNull(path, "path");
    return this;
  }

  /** The folder under {@link #path} that checkpoints go to (fastai's {@code model_dir}, default {@code models}). */
  public LearnerBuilder modelDir(String modelDir) {
    if (modelDir == null || modelDir.isBlank()) {
      throw new IllegalArgumentException("Learner.builder: modelDir must name a folder, got '" + modelDir + "'");
    }
    this.modelDir = modelDir;
    return this;
  }

  /**
   * fastai's {@code wd_bn_bias}: true applies weight decay to biases and normalization weights too; by default
   * (false) the optimizer skips them.
   */
  public LearnerBuilder wdBnBias(boolean wdBnBias) {
    this.wdBnBias = wdBnBias;
    return this;
  }

  /** What each batch computes; {@link BatchSteps#LOCAL} by default (a distributed trainer sets its own). */
  public LearnerBuilder batchSteps(BatchSteps batchSteps) {
    this.batchSteps = batchSteps;
    return this;
  }

  public Learner build() {
    if (optFunc == null) throw new IllegalStateException("Learner.builder: optFunc is required (e.g. BasicOptim::new)");
    if (lossFunc == null) {
      throw new IllegalStateException("Learner.builder: lossFunc is required (e.g. Losses::mnistLoss)");
    }
    Learner learner = new Learner(dls, model, optFunc, lossFunc, metrics, callbacks, path, modelDir, batchSteps);
    learner.wdBnBias = wdBnBias;
    return learner;
  }
}
