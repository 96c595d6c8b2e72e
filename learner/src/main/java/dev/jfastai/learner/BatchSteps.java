package dev.jfastai.learner;

import dev.jfastai.tensor.Tensor;

/**
 * What the loop computes inside one batch, between its events: the prediction (then {@code afterPred}), the loss
 * ({@code afterLoss}), and in training the backward pass and the optimizer step, each inside its own events. The
 * defaults are the local ones; a distributed trainer replaces them so that one "batch" is one round on a cluster
 * while every event keeps its meaning. Set with {@link LearnerBuilder#batchSteps}.
 */
public interface BatchSteps {
  /** The steps of a single-process Learner: {@code model(xb)}, {@code lossFunc(pred, yb)}, backward, step. */
  BatchSteps LOCAL = new BatchSteps() {};

  /** The batch's prediction; becomes {@link Learner#pred()}. */
  default Tensor predict(Learner learn) {
    return learn.model().call(learn.xb());
  }

  /** The batch's loss; becomes {@link Learner#loss()}. */
  default Tensor loss(Learner learn) {
    return learn.lossFunc().compute(learn.pred(), learn.yb());
  }

  /** Runs between {@code beforeBackward} and {@code afterBackward}: leaves gradients on the parameters. */
  default void backward(Learner learn) {
    learn.loss().backward();
  }

  /** Runs between {@code beforeStep} and {@code afterStep}: updates the parameters. */
  default void step(Learner learn) {
    learn.opt().step();
  }

  /** Runs after {@code afterStep}: drops the gradients before the next batch. */
  default void zeroGrad(Learner learn) {
    learn.opt().zeroGrad();
  }
}
