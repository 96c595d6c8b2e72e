package dev.jfastai.nn;

import dev.jfastai.tensor.Tensor;

/**
 * A loss: predictions and targets in, a scalar tensor out (differentiable in the predictions). Any static method of
 * {@link Losses} is one, e.g. {@code Losses::crossEntropy}.
 */
@FunctionalInterface
public interface LossFunction {
  Tensor compute(Tensor pred, Tensor target);
}
