package dev.jfastai.spark;

import dev.jfastai.nn.LossFunction;
import java.io.Serializable;

/** A {@link LossFunction} that travels to the executors: {@code Losses::mnistLoss} passed here is serializable. */
@FunctionalInterface
public interface SparkLossFunction extends LossFunction, Serializable {}
