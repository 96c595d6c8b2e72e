package dev.jfastai.learner;

import dev.jfastai.tensor.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The files of one checkpoint name and how a generation of them is published. A save stages its safetensors files
 * under hidden names carrying a generation id, then commits by atomically replacing {@code name.json}, which names
 * the generation and each file's size and SHA-256; only then are the staged files renamed to their usual names.
 * A process killed before the commit leaves the previous checkpoint whole; one killed after it leaves staged files
 * that {@link #settle} renames into place. A file that matches neither is refused, never mixed in.
 */
final class CheckpointFiles {
  private static final String STAGED = ".gen-";

  private final Path dir;
  private final String name;

  CheckpointFiles(Path dir, String name) {
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      throw new IllegalArgumentException("checkpoint name '" + name + "' must be a plain file name (no '/', no"
          + " leading '.')");
    }
    this.dir = dir.toAbsolutePath();
    this.name = name;
  }

  Path dir() {
    return dir;
  }

  Path json() {
    return dir.resolve(name + ".json");
  }

  /** The usual path of a part: {@code name.safetensors} or {@code name.opt.safetensors}. */
  Path file(CheckpointPart part) {
    return dir.resolve(name + part.suffix());
  }

  /** Where a save of {@code generation} writes a part before its commit. */
  Path staged(CheckpointPart part, String generation) {
    return dir.resolve("." + name + part.suffix() + STAGED + generation);
  }

  /**
   * Makes the files on disk agree with the committed manifest: renames staged files of the committed generation
   * into place (a save killed after its commit), then deletes staged files of every other generation (saves killed
   * before theirs). Throws if a part is neither in place nor staged intact.
   */
  void settle(Map<CheckpointPart, CheckpointManifest.FileEntry> committed, String generation) throws IOException {
    for (Map.Entry<CheckpointPart, CheckpointManifest.FileEntry> e : committed.entrySet()) {
      Path usual = file(e.getKey());
      if (matches(usual, e.getValue())) continue;
      Path staged = staged(e.getKey(), generation);
      if (Files.isRegularFile(staged) && matches(staged, e.getValue())) {
        AtomicFiles.publish(staged, usual);
        continue;
      }
      throw new CheckpointFormatException(json(), usual.getFileName() + " is not the file this checkpoint saved ("
          + describe(usual) + ", expected " + e.getValue().bytes() + " bytes with SHA-256 " + e.getValue().sha256()
          + "): it was replaced or cut short after the save, or belongs to another save. Nothing was loaded.");
    }
    deleteStaged();
  }

  /** Deletes every staged file of this name. */
  void deleteStaged() throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        String file = p.getFileName().toString();
        for (CheckpointPart part : CheckpointPart.values()) {
          String prefix = "." + name + part.suffix() + STAGED; // no glob: a name may hold '[' or '{'
          if (file.startsWith(prefix)) Files.deleteIfExists(p);
        }
      }
    }
  }

  static boolean matches(Path file, CheckpointManifest.FileEntry entry) throws IOException {
    return Files.isRegularFile(file) && Files.size(file) == entry.bytes() && sha256(file).equals(entry.sha256());
  }

  static CheckpointManifest.FileEntry entryOf(Path usual, Path staged) throws IOException {
    return new CheckpointManifest.FileEntry(usual.getFileName().toString(), Files.size(staged), sha256(staged));
  }

  private static String describe(Path file) throws IOException {
    if (!Files.isRegularFile(file)) return "missing";
    return Files.size(file) + " bytes with SHA-256 " + sha256(file);
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
