package dev.jfastai.spark;

import dev.jfastai.learner.MetricFunction;
import java.io.Serializable;

/** A {@link MetricFunction} that travels to the executors, e.g. {@code Metrics::binaryAccuracy}. */
@FunctionalInterface
public interface SparkMetricFunction extends MetricFunction, Serializable {}
