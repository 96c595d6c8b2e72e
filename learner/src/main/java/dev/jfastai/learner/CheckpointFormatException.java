package dev.jfastai.learner;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file that is malformed or does not belong with the others; the message names the file and fault. */
final class CheckpointFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  CheckpointFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }

  CheckpointFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
