package dev.jfastai.spark;

import dev.jfastai.nn.optim.OptimizerFactory;
import java.io.Serializable;

/**
 * An {@link OptimizerFactory} that travels to the executors, e.g. {@code BasicOptim::new} or
 * {@code (params, lr) -> SGD.builder(params, lr).momentum(0.9).build()}.
 */
@FunctionalInterface
public interface SparkOptimizerFactory extends OptimizerFactory, Serializable {}
