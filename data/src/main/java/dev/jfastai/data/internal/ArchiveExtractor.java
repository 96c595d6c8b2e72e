package dev.jfastai.data.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts {@code .tgz}/{@code .tar.gz}/{@code .tar}/{@code .zip} archives (recognised by their first bytes)
 * into a temporary folder next to the destination, renamed into place only when complete, so that an
 * interrupted extraction is never mistaken for a finished one.
 */
public final class ArchiveExtractor {
  private enum Format { TAR_GZ, TAR, ZIP }

  private ArchiveExtractor() {}

  /**
   * Extracts {@code archive} to the folder {@code dest}, which must not exist yet. Like fastai's
   * {@code untar_dir}, an archive holding a single top-level folder has that folder renamed to {@code dest};
   * otherwise {@code dest} holds the archive's top-level entries. If another process finished the same
   * extraction first, its folder is kept.
   */
  public static Path extract(Path archive, Path dest) throws IOException {
    Format format = detect(archive);
    Path parent = dest.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + dest.getFileName() + ".extracting-");
    try {
      ExtractionTarget target = new ExtractionTarget(tmp, archive.toString());
      try {
        switch (format) {
          case TAR_GZ -> readTar(archive, true, target);
          case TAR -> readTar(archive, false, target);
          case ZIP -> readZip(archive, target);
        }
      } catch (UnsafeEntryException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw new IOException("Could not extract " + archive + ": " + reason(e) + ". The archive is corrupt or"
            + " incomplete: delete it and run again to download it afresh.", e);
      }
      target.createLinks();
      Path single = singleFolderIn(tmp);
      Path content = single == null ? tmp : single;
      target.verifyLinksInside(content);
      try {
        Files.move(content, dest, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        if (!Files.isDirectory(dest)) throw e; // a concurrent run won the race: use its complete folder
      }
      return dest;
    } finally {
      FileTrees.deleteRecursively(tmp);
    }
  }

  private static Format detect(Path archive) throws IOException {
    byte[] head = new byte[262];
    int n;
    try (InputStream in = Files.newInputStream(archive)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) return Format.TAR_GZ;
    if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return Format.ZIP;
    if (n >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar")) {
      return Format.TAR;
    }
    throw new IOException("Unrecognised archive " + archive + ": expected a .tgz/.tar.gz, .tar or .zip file."
        + " Delete it and run again to download it afresh.");
  }

  private static void readTar(Path archive, boolean gzipped, ExtractionTarget target) throws IOException {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
         InputStream raw = gzipped ? new GzipCompressorInputStream(file) : file;
         TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (e.isDirectory()) target.directory(e.getName());
        else if (e.isSymbolicLink()) target.symbolicLink(e.getName(), e.getLinkName());
        else if (e.isLink()) target.hardLink(e.getName(), e.getLinkName());
        else if (e.isFile()) target.file(e.getName(), tar);
        // devices and FIFOs carry no data: skipped
      }
    }
  }

  private static void readZip(Path archive, ExtractionTarget target) throws IOException {
    try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
      Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
      while (entries.hasMoreElements()) {
        ZipArchiveEntry e = entries.nextElement();
        if (e.isDirectory()) {
          target.directory(e.getName());
        } else if (e.isUnixSymlink()) {
          target.symbolicLink(e.getName(), zip.getUnixSymlink(e));
        } else {
          try (InputStream in = zip.getInputStream(e)) {
            target.file(e.getName(), in);
          }
        }
      }
    }
  }

  private static String reason(Exception e) {
    String message = e instanceof IOException && e.getMessage() != null ? e.getMessage() : e.toString();
    return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
  }

  /** The only entry of {@code dir} if it is a real folder, else null. */
  private static Path singleFolderIn(Path dir) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) entries.add(p);
    }
    if (entries.size() == 1 && Files.isDirectory(entries.get(0), LinkOption.NOFOLLOW_LINKS)) return entries.get(0);
    return null;
  }
}
