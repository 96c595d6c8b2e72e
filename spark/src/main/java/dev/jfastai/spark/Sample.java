package dev.jfastai.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One training or validation example as it lives in a Spark dataset: its features and its target (a class index, or
 * the chapter's 0/1 label).
 */
public record Sample(float[] features, float target) implements Serializable {
  private static final long serialVersionUID = 1L;

  public Sample {
    Objects.requireNonNull(features, "features");
  }
}
