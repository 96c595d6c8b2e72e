package dev.jfastai.spark;

import dev.jfastai.nn.optim.OptimizerFactory;
import java.io.Serializable;

/**
 * An {@link OptimizerFactory} that travels to the executors, e.g. {@code BasicOptim::new} or
 * {@code (params, lr) -> new SGD(params, lr, 0.9f, 0, 0, false)}.
 */
@FunctionalInterface
public interface SparkOptimizerFactory extends OptimizerFactory, Serializable {}
