package dev.jfastai.spark;

import dev.jfastai.nn.Module;
import java.io.Serializable;

/**
 * Makes a fresh model of the architecture being trained, on the driver and on every executor (whose weights are
 * then overwritten by the broadcast ones). Serializable, so a lambda such as {@code () -> new Linear(784, 1)} travels.
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {
  Module create();
}
