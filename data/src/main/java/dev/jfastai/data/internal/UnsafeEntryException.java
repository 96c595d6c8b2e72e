package dev.jfastai.data.internal;

import java.io.IOException;

/** An archive entry that would be written or point outside the extraction folder. */
final class UnsafeEntryException extends IOException {
  private static final long serialVersionUID = 1L;

  UnsafeEntryException(String message) {
    super(message);
  }
}
