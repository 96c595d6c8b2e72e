package dev.jfastai.data.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes archive entries under one root folder and refuses any entry that would land or point outside it:
 * absolute names, {@code ..} components, links whose target leaves the root. Symbolic links are created
 * only after every file is written (so no file is ever written through a link) and then checked once more
 * through the file system, which catches escapes built from chains of links.
 */
final class ExtractionTarget {
  private record PendingLink(String entry, Path link, String target) {}

  private final Path root;
  private final String archiveName;
  private final List<PendingLink> links = new ArrayList<>();

  ExtractionTarget(Path root, String archiveName) {
    this.root = root.toAbsolutePath().normalize();
    this.archiveName = archiveName;
  }

  void directory(String entry) throws IOException {
    Files.createDirectories(resolve(entry, true));
  }

  void file(String entry, InputStream content) throws IOException {
    Path path = resolve(entry, false);
    Files.createDirectories(path.getParent());
    Files.copy(content, path, StandardCopyOption.REPLACE_EXISTING);
  }

  /** A tar hard link: a copy of an entry extracted earlier (named relative to the archive root). */
  void hardLink(String entry, String target) throws IOException {
    Path path = resolve(entry, false);
    Path source;
    try {
      source = resolve(target, false);
    } catch (UnsafeEntryException e) {
      throw unsafe(entry, "is a hard link to '" + target + "', outside the target folder");
    }
    if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
      throw unsafe(entry, "is a hard link to '" + target + "', which is not a file extracted before it");
    }
    Files.createDirectories(path.getParent());
    Files.copy(source, path, StandardCopyOption.REPLACE_EXISTING);
  }

  /** A symbolic link; its target is checked now and, through the file system, in {@link #verifyLinksInside}. */
  void symbolicLink(String entry, String target) throws IOException {
    Path link = resolve(entry, false);
    if (target.isEmpty() || target.startsWith("/") || target.startsWith("\\") || hasDrive(target)) {
      throw unsafe(entry, "is a link to the absolute path '" + target + "'");
    }
    Path resolved = link.getParent().resolve(target).normalize();
    if (!resolved.startsWith(root)) throw unsafe(entry, "is a link to '" + target + "', outside the target folder");
    links.add(new PendingLink(entry, link, target));
  }

  /** Creates the deferred links, once every file and folder is in place. */
  void createLinks() throws IOException {
    for (PendingLink l : links) {
      if (Files.exists(l.link(), LinkOption.NOFOLLOW_LINKS)) {
        throw unsafe(l.entry(), "is a link, but an earlier entry already wrote a file or folder there");
      }
      Files.createDirectories(l.link().getParent());
      Files.createSymbolicLink(l.link(), Path.of(l.target()));
    }
  }

  /** Checks through the file system that every link resolves inside {@code folder} (the root or a folder in it). */
  void verifyLinksInside(Path folder) throws IOException {
    Path realRoot = folder.toRealPath();
    for (PendingLink l : links) {
      Path real;
      try {
        real = l.link().toRealPath();
      } catch (NoSuchFileException e) {
        throw unsafe(l.entry(), "is a link to '" + l.target() + "', which does not exist in the archive");
      }
      if (!real.startsWith(realRoot)) {
        throw unsafe(l.entry(), "is a link to '" + l.target() + "', which resolves outside the target folder");
      }
    }
  }

  private Path resolve(String entry, boolean mayBeRoot) throws IOException {
    String name = entry.replace('\\', '/');
    if (name.startsWith("/") || hasDrive(name)) throw unsafe(entry, "has an absolute path");
    for (String part : name.split("/")) {
      if (part.equals("..")) throw unsafe(entry, "contains '..'");
    }
    Path path = root.resolve(name).normalize();
    if (!path.startsWith(root) || (!mayBeRoot && path.equals(root))) {
      throw unsafe(entry, "does not name a path inside the target folder");
    }
    return path;
  }

  private static boolean hasDrive(String name) {
    return name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0));
  }

  private IOException unsafe(String entry, String why) {
    return new UnsafeEntryException("Refusing to extract " + archiveName + ": entry '" + entry + "' " + why
        + ". The archive is damaged or malicious; get it again from a trusted source.");
  }
}
