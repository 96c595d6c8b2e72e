package dev.jfastai.examples.chapter4;

import dev.jfastai.data.DataLoaders;
import dev.jfastai.nn.LossFunction;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.optim.Optimizer;
import dev.jfastai.nn.optim.OptimizerFactory;
import dev.jfastai.tensor.NoGrad;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;

/**
 * The chapter's "write your own Learner" exercise: {@code BasicLearner(dls, model, opt_func, loss_func, metric)} with
 * {@code fit(epochs, lr)} and {@code predict(x)}, nothing more. Every epoch trains on {@code dls.train}, measures the
 * metric on {@code dls.valid} and records both; the full {@code Learner} grows this loop into fastai's callback design.
 */
public final class BasicLearner {
  private final DataLoaders dls;
  private final Module model;
  private final OptimizerFactory optFunc;
  private final LossFunction lossFunc;
  private final BinaryOperator<Tensor> metric;
  private final List<EpochResult> history = new ArrayList<>();
  private Optimizer opt;

  public BasicLearner(DataLoaders dls, Module model, OptimizerFactory optFunc, LossFunction lossFunc,
                      BinaryOperator<Tensor> metric) {
    this.dls = Objects.requireNonNull(dls, "dls");
    this.model = Objects.requireNonNull(model, "model");
    this.optFunc = Objects.requireNonNull(optFunc, "optFunc");
    this.lossFunc = Objects.requireNonNull(lossFunc, "lossFunc");
    this.metric = Objects.requireNonNull(metric, "metric");
  }

  /** Trains {@code epochs} epochs at {@code lr} with a fresh optimizer; returns this call's epochs. */
  public List<EpochResult> fit(int epochs, float lr) {
    return fit(epochs, lr, result -> {});
  }

  /** Like {@link #fit(int, float)}, handing each epoch's result to {@code afterEpoch} as soon as it is known. */
  public List<EpochResult> fit(int epochs, float lr, Consumer<EpochResult> afterEpoch) {
    if (epochs < 0) throw new IllegalArgumentException("BasicLearner.fit: epochs must be >= 0, got " + epochs);
    opt = optFunc.create(model.parameters(), lr);
    List<EpochResult> results = new ArrayList<>(epochs);
    for (int epoch = 0; epoch < epochs; epoch++) {
      model.train();
      double trainLoss = TrainingSteps.trainEpoch(model, lossFunc, opt, dls.train());
      model.eval();
      double value = TrainingSteps.validateEpoch(model, dls.valid(), metric);
      EpochResult result = new EpochResult(history.size(), trainLoss, value);
      history.add(result);
      results.add(result);
      afterEpoch.accept(result);
    }
    return results;
  }

  /**
   * The predicted class of {@code x} (one item, no batch dimension) and its probability, from sigmoid of the output.
   */
  public Prediction predict(Tensor x) {
    model.eval();
    try (NoGrad ignored = Tensor.noGrad()) {
      return Prediction.ofPositiveProbability(model.forward(x.unsqueeze(0)).sigmoid().item());
    }
  }

  /** Every epoch trained so far, across calls to fit. */
  public List<EpochResult> history() {
    return List.copyOf(history);
  }

  public Module model() {
    return model;
  }

  public DataLoaders dls() {
    return dls;
  }
}
