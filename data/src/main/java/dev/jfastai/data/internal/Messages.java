package dev.jfastai.data.internal;

import java.io.EOFException;

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
}
