package dev.jfastai.examples.chapter4;

import dev.jfastai.data.Batch;
import dev.jfastai.nn.LossFunction;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * The chapter's {@code train_model(model, epochs)}: train an epoch, then print the validation accuracy, no
 * framework in between. The first step of the story that {@link BasicLearner} and then the full Learner continue.
 */
public final class PlainTrainingLoop {
  private final Module model;
  private final LossFunction lossFunc;
  private final Optimizer opt;
  private final Iterable<Batch> train;
  private final Iterable<Batch> valid;

  public PlainTrainingLoop(Module model, LossFunction lossFunc, Optimizer opt, Iterable<Batch> train,
                           Iterable<Batch> valid) {
    this.model = model;
    this.lossFunc = lossFunc;
    this.opt = opt;
    this.train = train;
    this.valid = valid;
  }

  /** Trains {@code epochs} epochs; hands each epoch's validation accuracy to {@code afterEpoch}; returns them all. */
  public List<Double> trainModel(int epochs, DoubleConsumer afterEpoch) {
    List<Double> accuracies = new ArrayList<>(epochs);
    for (int i = 0; i < epochs; i++) {
      TrainingSteps.trainEpoch(model, lossFunc, opt, train);
      double accuracy = TrainingSteps.validateEpoch(model, valid, TrainingSteps::batchAccuracy);
      accuracies.add(accuracy);
      afterEpoch.accept(accuracy);
    }
    return accuracies;
  }
}
