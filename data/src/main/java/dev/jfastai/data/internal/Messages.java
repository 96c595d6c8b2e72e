package dev.jfastai.data.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;

/** Reasons for error messages: a cause's own message, or what its type says when it has none. */
public final class Messages {
  private Messages() {}

  /** {@code e}'s message, or its type when the message is empty (a bare EOFException, ConnectException, ...). */
  public static String describe(Throwable e) {
    String message = e.getMessage();
    if (message != null && !message.isBlank()) return message;
    String type = e.getClass().getSimpleName();
    return e instanceof EOFException ? "the data ends too early (" + type + ")" : type;
  }

  /**
   * {@code e} itself when its message names {@code file} already, else an IOException that does: "Cannot read
   * {@code what} {@code file}: reason" (a read of a folder says only "Is a directory").
   */
  public static IOException namingFile(Path file, String what, IOException e) {
    String message = e.getMessage();
    if (message != null && message.contains(file.toString())) return e;
    return new IOException("Cannot read " + what + " " + file + ": " + describe(e), e);
  }
}
