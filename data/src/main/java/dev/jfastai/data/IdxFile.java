package dev.jfastai.data;

import dev.jfastai.data.internal.BigEndian;
import dev.jfastai.data.internal.IoErrors;
import dev.jfastai.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * A file in LeCun's IDX format, the raw MNIST distribution ({@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, optionally gzipped): a magic number giving the element type and the number of
 * dims, the dims, then the values. Only unsigned bytes, MNIST's type, are read; the header is checked against
 * the file's length so that a truncated or padded file is refused.
 */
public final class IdxFile {
  private static final int UNSIGNED_BYTE = 0x08;

  private final Path file;
  private final int[] dims;
  private final byte[] values;

  private IdxFile(Path file, int[] dims, byte[] values) {
    this.file = file;
    this.dims = dims;
    this.values = values;
  }

  /** Reads {@code file}, gunzipping it when it starts with gzip's magic bytes. */
  public static IdxFile read(Path file) {
    return IoErrors.unchecked("IdxFile.read", file, () -> readChecked(file));
  }

  private static IdxFile readChecked(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = open(file)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new IOException("Cannot read IDX file " + file + ": " + e.getMessage(), e);
    }
    if (bytes.length < 4) throw bad(file, "only " + bytes.length + " bytes, too short for the magic number");
    if (bytes[0] != 0 || bytes[1] != 0) {
      throw bad(file, "bad magic number 0x" + String.format("%08X", BigEndian.readInt(bytes, 0))
          + " (an IDX file starts with two zero bytes)");
    }
    if ((bytes[2] & 0xFF) != UNSIGNED_BYTE) {
      throw bad(file, String.format("element type 0x%02X is not supported; only unsigned bytes (0x08, MNIST's) are",
          bytes[2] & 0xFF));
    }
    int rank = bytes[3] & 0xFF;
    int header = 4 + 4 * rank;
    if (rank == 0) throw bad(file, "the magic number declares 0 dims");
    if (bytes.length < header) throw bad(file, "truncated header: " + rank + " dims need " + header + " bytes");
    int[] dims = new int[rank];
    long count = 1;
    for (int d = 0; d < rank; d++) {
      dims[d] = BigEndian.readInt(bytes, 4 + 4 * d);
      if (dims[d] < 0) throw bad(file, "dim " + d + " has negative size " + dims[d]);
      count *= dims[d];
    }
    long data = bytes.length - header;
    if (data != count) {
      throw bad(file, "the header declares dims " + Arrays.toString(dims) + ", " + count + " values, but the file"
          + " holds " + data + (data < count ? " (truncated)" : " (trailing bytes)"));
    }
    return new IdxFile(file, dims, Arrays.copyOfRange(bytes, header, bytes.length));
  }

  /** The sizes of each dim, e.g. {@code [60000, 28, 28]} for MNIST's training images (a copy). */
  public int[] dims() {
    return dims.clone();
  }

  /** The number of values. */
  public int size() {
    return values.length;
  }

  /** Value {@code i} in row-major order, 0..255. */
  public int value(int i) {
    return values[i] & 0xFF;
  }

  /** The values times {@code scale}, shaped {@code [dims[0], product of the other dims]} (1-D for a 1-D file). */
  public Tensor toTensor(float scale) {
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) out[i] = (values[i] & 0xFF) * scale;
    if (dims.length == 1) return Tensor.wrap(out, dims[0]);
    return Tensor.wrap(out, dims[0], dims[0] == 0 ? 0 : values.length / dims[0]);
  }

  /** Checks that this is an images file ({@code idx3}) or a labels file ({@code idx1}); {@code what} names it. */
  IdxFile requireDims(int rank, String what) throws IOException {
    if (dims.length != rank) {
      throw bad(file, "expected " + what + " with " + rank + " dims, found dims " + Arrays.toString(dims));
    }
    return this;
  }

  Path file() {
    return file;
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    boolean gzipped = in.read() == 0x1F && in.read() == 0x8B;
    in.reset();
    return gzipped ? new GZIPInputStream(in, 1 << 16) : in;
  }


  private static IOException bad(Path file, String why) {
    return new IOException("Not a valid IDX file " + file + ": " + why);
  }
}
