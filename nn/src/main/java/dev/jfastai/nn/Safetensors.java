package dev.jfastai.nn;

import dev.jfastai.nn.internal.DType;
import dev.jfastai.nn.internal.SafetensorsHeader;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.io.AtomicFiles;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format (8-byte little-endian header length, a JSON header of
 * {@code {name: {dtype, shape, data_offsets}}} plus optional {@code __metadata__}, then raw little-endian data), so
 * weights move to and from PyTorch and Hugging Face tools. Writes are atomic (temporary file + rename); reads
 * validate the whole header before touching any tensor, and loading into a module is all-or-nothing.
 */
public final class Safetensors {
  private static final int CHUNK_BYTES = 1 << 20; // streaming buffer: a multiple of every dtype size

  private Safetensors() {}

  /** Saves the module's state dict (F32, metadata {@code format=pt} as PyTorch writers do) to {@code file}. */
  public static void save(Module module, Path file) throws IOException {
    write(module.liveState(), Map.of("format", "pt"), file);
  }

  /**
   * Loads {@code file} into the module, strictly (see {@link Module#loadStateDict}). A malformed file throws
   * {@link SafetensorsFormatException}, mismatched keys or shapes an {@link IllegalArgumentException} naming the file;
   * either way the module is unchanged.
   */
  public static void load(Module module, Path file) throws IOException {
    SafetensorsContent content = read(file);
    try {
      module.loadStateDict(content.tensors());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Writes named float32 tensors and string metadata (may be empty) to {@code file} atomically. */
  public static void write(Map<String, Tensor> tensors, Map<String, String> metadata, Path file) throws IOException {
    Map<String, String> meta = metadata == null ? Map.of() : metadata;
    List<SafetensorsHeader.Entry> entries = new ArrayList<>();
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      String name = e.getKey();
      if (name == null || name.isEmpty() || name.equals(SafetensorsHeader.METADATA_KEY)) {
        throw new IllegalArgumentException("Safetensors.write(" + file + "): invalid tensor name '" + name + "'");
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException("Safetensors.write(" + file + "): tensor '" + name + "' is null");
      }
      long bytes = (long) e.getValue().numel() * DType.F32.bytes();
      entries.add(new SafetensorsHeader.Entry(name, DType.F32, e.getValue().shape(), offset, offset + bytes));
      offset += bytes;
    }
    meta.forEach((k, v) -> {
      if (k == null || v == null) {
        throw new IllegalArgumentException("Safetensors.write(" + file + "): metadata has a null key or value");
      }
    });
    byte[] header = SafetensorsHeader.encode(entries, meta);
    AtomicFiles.write(file, ch -> {
      ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      buf.putLong(header.length);
      writeFully(ch, buf.flip());
      writeFully(ch, ByteBuffer.wrap(header));
      for (Tensor t : tensors.values()) writeFloats(ch, buf, t);
    });
  }

  /** Reads every tensor (F32, or F16/BF16/F64 converted to float32) and the metadata of {@code file}. */
  public static SafetensorsContent read(Path file) throws IOException {
    try {
      return readChecked(file);
    } catch (FileSystemException | SafetensorsFormatException | EOFException e) {
      throw e; // these name the file already
    } catch (IOException e) { // e.g. "Is a directory", which names nothing
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new IOException("Cannot read safetensors file " + file + ": " + reason, e);
    }
  }

  private static SafetensorsContent readChecked(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 8) {
        throw new SafetensorsFormatException(file, "only " + size + " bytes, shorter than the 8-byte header length");
      }
      long headerLength = readFully(file, ch, 0, 8).getLong(0);
      if (headerLength < 0 || headerLength > SafetensorsHeader.MAX_HEADER_BYTES) {
        throw new SafetensorsFormatException(file, "header length " + Long.toUnsignedString(headerLength)
            + " exceeds the 100 MB limit: not a safetensors file, or a corrupt one");
      }
      if (8 + headerLength > size) {
        throw new SafetensorsFormatException(file, "header length " + headerLength + " is longer than the file ("
            + size + " bytes): the file is truncated or not safetensors");
      }
      byte[] json = new byte[(int) headerLength];
      readFully(file, ch, 8, (int) headerLength).get(json);
      long dataStart = 8 + headerLength;
      SafetensorsHeader header = SafetensorsHeader.parse(file, json, size - dataStart);
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (SafetensorsHeader.Entry e : header.entries()) {
        tensors.put(e.name(), Tensor.wrap(readTensor(file, ch, dataStart, e), e.shape()));
      }
      return new SafetensorsContent(tensors, header.metadata());
    }
  }

  private static float[] readTensor(Path file, FileChannel ch, long dataStart, SafetensorsHeader.Entry e)
      throws IOException {
    float[] values = new float[e.numel()];
    int perChunk = CHUNK_BYTES / e.dtype().bytes();
    for (int done = 0; done < values.length; done += perChunk) {
      int count = Math.min(perChunk, values.length - done);
      long position = dataStart + e.begin() + (long) done * e.dtype().bytes();
      e.dtype().decode(readFully(file, ch, position, count * e.dtype().bytes()), values, done, count);
    }
    return values;
  }

  private static ByteBuffer readFully(Path file, FileChannel ch, long position, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buf.hasRemaining()) {
      int n = ch.read(buf, position + buf.position());
      if (n < 0) throw new EOFException(file + ": file ended early at byte " + (position + buf.position()));
    }
    return buf.flip();
  }

  private static void writeFloats(FileChannel ch, ByteBuffer buf, Tensor t) throws IOException {
    float[] a = t.array();
    int off = t.arrayOffset();
    int n = t.numel();
    buf.clear();
    for (int i = 0; i < n; i++) {
      if (!buf.hasRemaining()) {
        writeFully(ch, buf.flip());
        buf.clear();
      }
      buf.putFloat(a[off + i]);
    }
    writeFully(ch, buf.flip());
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) ch.write(buf);
  }
}
