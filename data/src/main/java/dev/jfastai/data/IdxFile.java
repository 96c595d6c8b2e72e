package dev.jfastai.data;

import dev.jfastai.data.internal.BigEndian;
import dev.jfastai.data.internal.Messages;
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

  /**
   * Reads {@code file}, gunzipping it when it starts with gzip's magic bytes. The header is checked before the
   * values are read: dims whose product overflows or differs from the data in the file are refused, and a gzipped
   * file is never inflated past the size its header declares.
   */
  public static IdxFile read(Path file) throws IOException {
    return read(file, -1, null);
  }

  /**
   * Like {@link #read(Path)}, also refusing, before the values are read, a file without {@code rank} dims
   * ({@code what} names the file's role) or whose dims after the first differ from {@code itemDims} (if not null).
   */
  static IdxFile read(Path file, int rank, String what, int... itemDims) throws IOException {
    try (InputStream in = open(file)) {
      int[] dims = readHeader(file, in);
      if (rank >= 0 && dims.length != rank) {
        throw bad(file, "expected " + what + " with " + rank + " dims, found dims " + Arrays.toString(dims));
      }
      if (itemDims != null && itemDims.length > 0
          && !Arrays.equals(Arrays.copyOfRange(dims, 1, dims.length), itemDims)) {
        throw bad(file, "expected " + what + " of " + Arrays.toString(itemDims) + " after the count, found dims "
            + Arrays.toString(dims));
      }
      int count = count(file, dims);
      int header = 4 + 4 * dims.length;
      if (!(in instanceof GZIPInputStream)) checkLength(file, dims, count, Files.size(file) - header);
      byte[] values = in.readNBytes(count); // grows with the data read, not with what the header claims
      if (values.length < count) checkLength(file, dims, count, values.length);
      if (in.read() >= 0) { // not read further: a gzip bomb's rest could be endless
        throw bad(file, "the header declares dims " + Arrays.toString(dims) + ", " + count + " values, but the"
            + " file holds more (trailing bytes)");
      }
      return new IdxFile(file, dims, values);
    } catch (NotIdxException e) {
      throw e;
    } catch (IOException e) {
      throw Messages.namingFile(file, "IDX file", e);
    }
  }

  private static int[] readHeader(Path file, InputStream in) throws IOException {
    byte[] magic = in.readNBytes(4);
    if (magic.length < 4) throw bad(file, "only " + magic.length + " bytes, too short for the magic number");
    if (magic[0] != 0 || magic[1] != 0) {
      throw bad(file, "bad magic number 0x" + String.format("%08X", BigEndian.readInt(magic, 0))
          + " (an IDX file starts with two zero bytes)");
    }
    if ((magic[2] & 0xFF) != UNSIGNED_BYTE) {
      throw bad(file, String.format("element type 0x%02X is not supported; only unsigned bytes (0x08, MNIST's) are",
          magic[2] & 0xFF));
    }
    int rank = magic[3] & 0xFF;
    if (rank == 0) throw bad(file, "the magic number declares 0 dims");
    byte[] sizes = in.readNBytes(4 * rank);
    if (sizes.length < 4 * rank) {
      throw bad(file, "truncated header: " + rank + " dims need " + (4 + 4 * rank) + " bytes");
    }
    int[] dims = new int[rank];
    for (int d = 0; d < rank; d++) {
      dims[d] = BigEndian.readInt(sizes, 4 * d);
      if (dims[d] < 0) throw bad(file, "dim " + d + " has negative size " + dims[d]);
    }
    return dims;
  }

  /** The number of values the dims declare, or an error when they overflow what one array holds. */
  private static int count(Path file, int[] dims) throws IOException {
    long count = 1;
    for (int d : dims) {
      count *= d; // each factor < 2^31 and the running product <= 2^31: no long overflow
      if (count > Integer.MAX_VALUE - 8) {
        throw bad(file, "the header declares dims " + Arrays.toString(dims) + ", more than 2^31-9 values in all:"
            + " not a file this reader (or a Java array) can hold");
      }
    }
    return (int) count;
  }

  private static void checkLength(Path file, int[] dims, long count, long data) throws IOException {
    if (data != count) {
      throw bad(file, "the header declares dims " + Arrays.toString(dims) + ", " + count + " values, but the file"
          + " holds " + data + (data < count ? " (truncated)" : " (trailing bytes)"));
    }
  }

  /** The sizes of each dim, e.g. {@code [60000, 28, 28]} for MNIST's training images (a copy). */
  public int[] dims() {
    return dims.clone();
  }

  /** The number of values. */
  public int count() {
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
    return new NotIdxException("Not a valid IDX file " + file + ": " + why);
  }

  /** Bad contents, reported as they are rather than as a read error. */
  private static final class NotIdxException extends IOException {
    private static final long serialVersionUID = 1L;

    NotIdxException(String message) {
      super(message);
    }
  }
}
