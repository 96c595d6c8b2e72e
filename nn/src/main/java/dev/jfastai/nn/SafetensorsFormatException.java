package dev.jfastai.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A file that is not valid safetensors (or uses a dtype jfastai cannot read); the message names the file and fault.
 * Unchecked, like every I/O failure of jfastai's API.
 */
public final class SafetensorsFormatException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  public SafetensorsFormatException(Path file, String problem) {
    super(file + ": " + problem, new IOException(file + ": " + problem));
  }

  public SafetensorsFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, new IOException(file + ": " + problem, cause));
  }
}
