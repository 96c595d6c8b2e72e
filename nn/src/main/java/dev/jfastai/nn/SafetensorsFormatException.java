package dev.jfastai.nn;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not valid safetensors (or uses a dtype jfastai cannot read); the message names the file and fault. */
public final class SafetensorsFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public SafetensorsFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }

  public SafetensorsFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
