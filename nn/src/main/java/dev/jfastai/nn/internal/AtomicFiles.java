package dev.jfastai.nn.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/** Writes a file via a temporary file in the same directory and a rename, so readers never see half a file. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the file's contents through a channel. */
  @FunctionalInterface
  public interface ChannelWriter {
    void write(FileChannel channel) throws IOException;
  }

  /** Runs {@code writer} on a fresh temporary file, syncs it, then renames it over {@code target}. */
  public static void write(Path target, ChannelWriter writer) throws IOException {
    Path file = target.toAbsolutePath();
    if (!Files.isDirectory(file.getParent())) {
      throw new NoSuchFileException(file.getParent().toString(), null, "directory for " + file.getFileName()
          + " does not exist; create it first");
    }
    Path tmp = createTemp(file);
    boolean moved = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        writer.write(ch);
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) { // rare file systems: still never a half-written target
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) Files.deleteIfExists(tmp);
    }
  }

  // Not Files.createTempFile: that makes the file owner-only (0600), which the renamed result would keep.
  private static Path createTemp(Path file) throws IOException {
    for (int attempt = 0; ; attempt++) {
      String suffix = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
      Path tmp = file.resolveSibling("." + file.getFileName() + "." + suffix + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 10) throw e;
      }
    }
  }
}
