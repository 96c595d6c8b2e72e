package dev.jfastai.data.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** Turns a checked I/O failure into the unchecked one the public API throws, naming the file at fault. */
public final class IoErrors {
  private IoErrors() {}

  /**
   * The failure's own message when it names {@code path} already, else {@code "<operation> <path>: <message>"}; the
   * JDK's file-system exceptions are named by their class, as their message is often just the path.
   */
  public static UncheckedIOException unchecked(String operation, Object path, IOException e) {
    String what = e instanceof FileSystemException ? e.getClass().getSimpleName() + ": " + e.getMessage()
        : String.valueOf(e.getMessage());
    String message = what.contains(String.valueOf(path)) ? what : operation + " " + path + ": " + what;
    return new UncheckedIOException(message, e);
  }

  /** The same for a {@link Path}. */
  public static UncheckedIOException unchecked(String operation, Path path, IOException e) {
    return unchecked(operation, (Object) path, e);
  }

  /** Runs {@code body}, turning its {@link IOException} into {@link #unchecked(String, Object, IOException)}'s. */
  public static <T> T unchecked(String operation, Object path, IoSupplier<T> body) {
    try {
      return body.get();
    } catch (IOException e) {
      throw unchecked(operation, path, e);
    }
  }

  /** The same for a body without a result. */
  public static void uncheckedRun(String operation, Object path, IoRunnable body) {
    unchecked(operation, path, () -> {
      body.run();
      return null;
    });
  }

  /** A computation that may fail with an {@link IOException}. */
  @FunctionalInterface
  public interface IoSupplier<T> {
    T get() throws IOException;
  }

  /** An action that may fail with an {@link IOException}. */
  @FunctionalInterface
  public interface IoRunnable {
    void run() throws IOException;
  }
}
