package dev.jfastai.learner;

import dev.jfastai.tensor.Tensor;

/** A per-batch metric computed from predictions and targets, e.g. the chapter's {@code batch_accuracy}. */
@FunctionalInterface
public interface MetricFunction {
  double compute(Tensor pred, Tensor target);
}
