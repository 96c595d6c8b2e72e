package dev.jfastai.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds small .tgz and .zip archives in memory for tests, including hostile entries. */
public final class ArchiveBuilder {
  private enum Kind { FILE, DIR, SYMLINK, HARDLINK }

  private record Entry(Kind kind, String name, byte[] content, String target) {}

  private final List<Entry> entries = new ArrayList<>();

  public ArchiveBuilder file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  public ArchiveBuilder file(String name, byte[] content) {
    entries.add(new Entry(Kind.FILE, name, content, null));
    return this;
  }

  public ArchiveBuilder dir(String name) {
    entries.add(new Entry(Kind.DIR, name, null, null));
    return this;
  }

  public ArchiveBuilder symlink(String name, String target) {
    entries.add(new Entry(Kind.SYMLINK, name, null, target));
    return this;
  }

  public ArchiveBuilder hardLink(String name, String target) {
    entries.add(new Entry(Kind.HARDLINK, name, null, target));
    return this;
  }

  public byte[] tgz() throws IOException {
    return gzip(tar());
  }

  public static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GzipCompressorOutputStream(bytes)) {
      gz.write(data);
    }
    return bytes.toByteArray();
  }

  /** An uncompressed tar: 512-byte header blocks, data padded to 512 bytes, two zero blocks at the end. */
  public byte[] tar() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry t = switch (e.kind()) {
          case FILE -> new TarArchiveEntry(e.name(), true);
          case DIR -> new TarArchiveEntry(e.name().endsWith("/") ? e.name() : e.name() + "/", true);
          case SYMLINK -> new TarArchiveEntry(e.name(), TarArchiveEntry.LF_SYMLINK, true);
          case HARDLINK -> new TarArchiveEntry(e.name(), TarArchiveEntry.LF_LINK, true);
        };
        if (e.target() != null) t.setLinkName(e.target());
        if (e.content() != null) t.setSize(e.content().length);
        tar.putArchiveEntry(t);
        if (e.content() != null) tar.write(e.content());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  public byte[] zip() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
      for (Entry e : entries) {
        String name = e.kind() == Kind.DIR && !e.name().endsWith("/") ? e.name() + "/" : e.name();
        ZipArchiveEntry z = new ZipArchiveEntry(name);
        byte[] content = e.content();
        if (e.kind() == Kind.SYMLINK) {
          z.setUnixMode(0120777);
          content = e.target().getBytes(StandardCharsets.UTF_8);
        } else if (e.kind() == Kind.HARDLINK) {
          throw new IllegalStateException("zip has no hard links");
        }
        zip.putArchiveEntry(z);
        if (content != null) zip.write(content);
        zip.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
