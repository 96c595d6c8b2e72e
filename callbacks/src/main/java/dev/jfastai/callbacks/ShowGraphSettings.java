package dev.jfastai.callbacks;

import java.util.Objects;

/**
 * Settings of {@link ShowGraphCallback}: the PNG (relative to the learner's path) and its size; default {@code
 * loss.png}, 800x500.
 */
public record ShowGraphSettings(String fileName, int width, int height) {
  public ShowGraphSettings {
    Objects.requireNonNull(fileName, "fileName");
    if (width <= 0 || height <= 0) throw new IllegalArgumentException("ShowGraph: size must be positive, got " + width
        + "x" + height);
  }

  public ShowGraphSettings() {
    this("loss.png", Plots.DEFAULT_WIDTH, Plots.DEFAULT_HEIGHT);
  }
}
