package dev.jfastai.learner;

import java.util.OptionalDouble;

/**
 * A value accumulated over the batches of a phase (fastai's {@code Metric}): {@link #reset()} before the phase,
 * {@link #accumulate(Learner)} after each batch (read {@code learn.pred()}, {@code learn.yb()}, {@code learn.loss()}),
 * {@link #value()} at the end. The easy way to write one is {@link Metrics#avg(String, MetricFunction)}.
 */
public interface Metric {
  /** The column name in tables and logs, e.g. {@code "accuracy"}. */
  String name();

  void reset();

  void accumulate(Learner learn);

  /** The value so far; empty when nothing was accumulated (fastai's None). */
  OptionalDouble value();
}
