package dev.jfastai.callbacks;

import java.util.Objects;

/**
 * Settings of {@link CsvLogger}: the file (relative to the learner's path) and whether a fit continues an existing
 * file instead of starting it afresh. Defaults: {@code history.csv}, not appending (fastai's).
 */
public record CsvLoggerSettings(String fileName, boolean append) {
  public CsvLoggerSettings {
    Objects.requireNonNull(fileName, "fileName");
  }

  public CsvLoggerSettings() {
    this("history.csv", false);
  }
}
