package dev.jfastai.nn.optim;

import dev.jfastai.tensor.Tensor;
import java.util.List;

/**
 * Builds an optimizer over parameters at a learning rate, fastai's {@code opt_func(params, lr)}: {@code
 * BasicOptim::new} is one, and {@link Optimizers} has one per optimizer.
 */
@FunctionalInterface
public interface OptimizerFactory {
  Optimizer create(List<Tensor> params, double lr);
}
