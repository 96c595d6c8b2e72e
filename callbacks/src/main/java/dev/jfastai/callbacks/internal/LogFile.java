package dev.jfastai.callbacks.internal;

import dev.jfastai.tensor.internal.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A line-oriented log file that is only ever appended to. Opening either starts it empty or continues it, first
 * cutting off a trailing partial line (what a crash mid-write leaves), so every kept line is whole.
 * {@link #sync()} pushes the lines written so far to the disk: a log is atomic per synced line (each epoch), where
 * whole files go through {@link AtomicFiles}.
 */
public final class LogFile implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final Writer writer;
  private final boolean continued;

  private LogFile(Path file, FileChannel channel, boolean continued) {
    this.file = file;
    this.channel = channel;
    this.writer = Channels.newWriter(channel, StandardCharsets.UTF_8);
    this.continued = continued;
  }

  /** Opens {@code file} (creating folders), keeping its whole lines when {@code keepExisting}, else emptying it. */
  public static LogFile open(Path file, boolean keepExisting) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      boolean created = !Files.exists(file);
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      if (created && parent != null) AtomicFiles.syncDirectory(parent); // the new name survives a crash too
      try {
        if (keepExisting) ch.truncate(endOfLastLine(ch));
        else ch.truncate(0);
        ch.position(ch.size());
        return new LogFile(file, ch, ch.size() > 0);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("log file " + file + ": cannot open for writing", e);
    }
  }

  /** The first line of {@code file}, or null if it is missing or empty. */
  public static String firstLine(Path file) {
    if (!Files.isRegularFile(file)) return null;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return r.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("log file " + file + ": cannot read", e);
    }
  }

  /** Whether earlier lines were kept (so a header must not be written again). */
  public boolean continued() {
    return continued;
  }

  public Path file() {
    return file;
  }

  /** Appends one line (a newline is added); call {@link #sync()} to make it durable. */
  public void writeLine(String line) {
    try {
      writer.write(line);
      writer.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("log file " + file + ": write failed", e);
    }
  }

  /** Flushes buffered lines and forces them to the disk. */
  public void sync() {
    try {
      writer.flush();
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("log file " + file + ": flush failed", e);
    }
  }

  @Override
  public void close() {
    try {
      if (channel.isOpen()) {
        writer.flush();
        channel.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("log file " + file + ": flush on close failed", e);
    } finally {
      try {
        writer.close();
      } catch (IOException ignored) {
        // the flush above already reported any problem with the data
      }
    }
  }

  /** The size of the file without a trailing partial line: just past its last newline. */
  private static long endOfLastLine(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(4096);
    long end = ch.size();
    while (end > 0) {
      long start = Math.max(0, end - buf.capacity());
      buf.clear().limit((int) (end - start));
      while (buf.hasRemaining() && ch.read(buf, start + buf.position()) >= 0) {
        // a file channel may return fewer bytes than asked
      }
      for (int i = (int) (end - start) - 1; i >= 0; i--) {
        if (buf.get(i) == '\n') return start + i + 1;
      }
      end = start;
    }
    return 0;
  }
}
