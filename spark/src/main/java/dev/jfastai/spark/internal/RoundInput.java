package dev.jfastai.spark.internal;

import java.io.Serializable;

/** What a round broadcasts: the model's state (parameters and buffers) and, when averaging, the optimizer's. */
public record RoundInput(NamedArrays model, NamedArrays optimizer) implements Serializable {
  private static final long serialVersionUID = 1L;
}
