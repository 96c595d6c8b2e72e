package dev.jfastai.examples.chapter4;

import java.util.List;

/**
 * What {@link BasicLearner#predict} returns, like the chapter's {@code (probability, '3')}: the predicted class
 * (1 when sigmoid(output) > 0.5, else 0) and the model's probability for that class.
 */
public record Prediction(double probability, int classIndex) {
  /** The class's name in {@code vocab} (index 0 = the negative class), e.g. {@code List.of("7", "3")}. */
  public String label(List<String> vocab) {
    return vocab.get(classIndex);
  }

  /** Reads a binary classifier's sigmoid output. */
  public static Prediction ofPositiveProbability(double p) {
    return p > 0.5 ? new Prediction(p, 1) : new Prediction(1 - p, 0);
  }
}
