package dev.jfastai.tensor.internal.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that readers see the old content or the new, never a part: the bytes go to a temporary sibling
 * (same folder, so the rename stays on one file system), which is synced, renamed over the target and the folder
 * synced. Temporary names start with {@link #TEMP_PREFIX} and the writer's process id; a failed write deletes its
 * own, and the next write in a folder deletes those of processes that have died (a killed JVM). Files get the
 * permissions of a plain {@code Files.createFile} (the umask's), never {@code createTempFile}'s owner-only 0600.
 */
public final class AtomicFiles {
  /** The start of every temporary name this class makes; nothing else in jfastai uses it. */
  public static final String TEMP_PREFIX = ".jfastai-tmp-";

  private static final long PID = ProcessHandle.current().pid();

  private AtomicFiles() {}

  /** Writes a file's content through a channel. */
  @FunctionalInterface
  public interface ChannelWriter {
    void write(FileChannel channel) throws IOException;
  }

  /** Writes a file's content to a stream (closed by the caller). */
  @FunctionalInterface
  public interface StreamWriter {
    void write(OutputStream out) throws IOException;
  }

  /** Replaces {@code target} with what {@code writer} writes, atomically; the folder must exist. */
  public static void write(Path target, ChannelWriter writer) throws IOException {
    Path file = target.toAbsolutePath();
    Path dir = file.getParent();
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "folder for " + file.getFileName()
          + " does not exist; create it first");
    }
    cleanStale(dir);
    Path tmp = createTempFile(dir, file.getFileName().toString());
    boolean published = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        writer.write(ch);
        ch.force(true);
      }
      publish(tmp, file);
      published = true;
    } finally {
      if (!published) Files.deleteIfExists(tmp);
    }
  }

  /** Like {@link #write(Path, ChannelWriter)} for code that writes to a stream. */
  public static void writeStream(Path target, StreamWriter writer) throws IOException {
    write(target, ch -> {
      // closing must not close the channel: write() still forces it to the disk
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16) {
        @Override
        public void close() throws IOException {
          flush();
        }
      };
      writer.write(out);
      out.flush();
    });
  }

  /** Replaces {@code target} with {@code bytes}, atomically. */
  public static void writeBytes(Path target, byte[] bytes) throws IOException {
    writeStream(target, out -> out.write(bytes));
  }

  /**
   * A new empty temporary file in {@code dir} for content that {@link #publish} moves into place later; its name
   * mentions {@code purpose} (e.g. the target's name) for whoever lists the folder meanwhile.
   */
  public static Path createTempFile(Path dir, String purpose) throws IOException {
    return createFresh(dir, purpose, Files::createFile);
  }

  /** A new empty temporary folder in {@code dir}, e.g. for an extraction renamed into place when complete. */
  public static Path createTempDirectory(Path dir, String purpose) throws IOException {
    return createFresh(dir, purpose, Files::createDirectory);
  }

  private interface Creator {
    Path create(Path path, FileAttribute<?>... attributes) throws IOException;
  }

  private static Path createFresh(Path dir, String purpose, Creator creator) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return creator.create(dir.resolve(tempName(purpose)));
      } catch (FileAlreadyExistsException e) {
        if (attempt == 10) throw e;
      }
    }
  }

  /**
   * Renames the finished file {@code source} over {@code target} (same folder) and syncs the folder. Where the file
   * system cannot rename atomically, a plain replacing move still never leaves half a file at {@code target}.
   */
  public static void publish(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /** Forces a file's content to the disk. */
  public static void syncFile(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /** Forces a folder's entries (names created, renamed or deleted) to the disk, where the platform allows it. */
  public static void syncDirectory(Path dir) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (IOException | UnsupportedOperationException e) {
      return; // Windows cannot open a folder; its renames are durable without this
    }
    try (ch) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems refuse fsync on a folder: the rename itself has happened
    }
  }

  /** Deletes {@code path} and everything under it, without following links; a missing path is fine. */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return;
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) throw e;
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * Deletes the temporary files and folders in {@code dir} left by processes that no longer run (their process id is
   * in the name; a process id reused by a process started after the file was made does not count as the owner).
   * Best effort: what cannot be deleted stays for the next time.
   */
  public static void cleanStale(Path dir) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
      for (Path p : entries) {
        if (isStale(p)) {
          try {
            deleteRecursively(p);
          } catch (IOException e) {
            // in use or not ours to delete: left for a later clean-up
          }
        }
      }
    } catch (IOException e) {
      // an unreadable folder: the write that follows reports the real problem
    }
  }

  /** Whether {@code p} is one of this class's temporary names whose owning process has ended. */
  static boolean isStale(Path p) {
    Optional<Long> pid = ownerPid(p.getFileName().toString());
    if (pid.isEmpty()) return false;
    if (pid.get() == PID) return false;
    Optional<ProcessHandle> owner = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
    if (owner.isEmpty()) return true;
    Optional<Instant> started = owner.get().info().startInstant();
    try {
      Instant made = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
      return started.isPresent() && started.get().isAfter(made.plusSeconds(1)); // the id was reused since
    } catch (IOException e) {
      return false;
    }
  }

  /** The process id in a temporary name {@code TEMP_PREFIX<pid>-<random>.<purpose>}. */
  static Optional<Long> ownerPid(String name) {
    if (!name.startsWith(TEMP_PREFIX)) return Optional.empty();
    int end = name.indexOf('-', TEMP_PREFIX.length());
    if (end < 0) return Optional.empty();
    try {
      return Optional.of(Long.parseLong(name.substring(TEMP_PREFIX.length(), end)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String tempName(String purpose) {
    String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    String tail = purpose.length() > 120 ? purpose.substring(0, 120) : purpose; // stay far below NAME_MAX
    return TEMP_PREFIX + PID + "-" + random + "." + tail;
  }
}
