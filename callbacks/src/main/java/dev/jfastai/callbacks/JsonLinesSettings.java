package dev.jfastai.callbacks;

import java.util.Objects;

/**
 * Settings of {@link JsonLinesLogger}: the file (relative to the learner's path) and whether a fit continues an
 * existing file. Defaults: {@code history.jsonl}, not appending.
 */
public record JsonLinesSettings(String fileName, boolean append) {
  public JsonLinesSettings {
    Objects.requireNonNull(fileName, "fileName");
  }

  public JsonLinesSettings() {
    this("history.jsonl", false);
  }
}
