package dev.jfastai.data.internal;

import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A focused decoder for the PNGs datasets are made of: 8-bit, non-interlaced grayscale, gray+alpha, RGB or
 * RGBA. It is several times faster than ImageIO on small images because it reuses its inflater and buffers
 * and skips the colour-model machinery. Other PNGs (palette, 16-bit, interlaced, under 8 bits) are reported
 * as unsupported so that the caller can fall back to ImageIO. The declared size goes through the caller's
 * {@link SizeCheck} before anything is allocated, and image data that inflates past that size is refused.
 * Not thread-safe: one instance per thread.
 */
public final class PngDecoder implements AutoCloseable {
  /** Decides whether an image of the size a file declares may be decoded; throws with the reason if not. */
  @FunctionalInterface
  public interface SizeCheck {
    void check(int width, int height) throws IOException;
  }

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final int IHDR = 0x49484452;
  private static final int IDAT = 0x49444154;
  private static final int IEND = 0x49454E44;

  private final Inflater inflater = new Inflater();
  private final CRC32 crc = new CRC32();
  private byte[] scanlines = new byte[0];
  private int width;
  private int height;
  private int samplesPerPixel; // as stored: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA

  /**
   * Decodes {@code png}; returns false, without reading further, when the image is a valid PNG of a kind this
   * decoder leaves to ImageIO. Throws with a reason when the bytes are not a sound PNG.
   */
  public boolean decode(byte[] png, SizeCheck sizeCheck) throws IOException {
    if (png.length < SIGNATURE.length + 12) throw new IOException("not a PNG file (only " + png.length + " bytes)");
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (png[i] != SIGNATURE[i]) throw new IOException("not a PNG file (bad signature)");
    }
    int pos = SIGNATURE.length;
    boolean header = false;
    int filled = 0;
    int expected = 0;
    inflater.reset();
    while (true) {
      if (pos + 12 > png.length) throw new IOException("truncated PNG (no IEND chunk)");
      int length = BigEndian.readInt(png, pos);
      int type = BigEndian.readInt(png, pos + 4);
      if (length < 0 || pos + 12L + length > png.length) throw new IOException("truncated PNG chunk " + name(type));
      crc.reset();
      crc.update(png, pos + 4, length + 4);
      if ((int) crc.getValue() != BigEndian.readInt(png, pos + 8 + length)) {
        throw new IOException("corrupt PNG (CRC mismatch in chunk " + name(type) + ")");
      }
      int data = pos + 8;
      if (!header) {
        if (type != IHDR || length != 13) throw new IOException("corrupt PNG (first chunk is not IHDR)");
        if (!readHeader(png, data, sizeCheck)) return false;
        header = true;
        expected = height * (1 + width * samplesPerPixel);
        if (scanlines.length < expected) scanlines = new byte[expected];
      } else if (type == IDAT) {
        filled = inflate(png, data, length, filled, expected);
      } else if (type == IEND) {
        break;
      }
      pos = data + length + 4;
    }
    if (filled != expected) {
      throw new IOException("truncated PNG image data (" + filled + " of " + expected + " bytes)");
    }
    if (inflatesFurther()) {
      throw new IOException("corrupt PNG (the image data inflates to more than the " + expected + " bytes a "
          + width + "x" + height + " image holds)");
    }
    unfilter();
    return true;
  }

  /** Frees the native inflater; the decoder cannot be used afterwards. */
  @Override
  public void close() {
    inflater.end();
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** 1 for grayscale (with or without alpha), 3 for colour; alpha is dropped. */
  public int channels() {
    return samplesPerPixel <= 2 ? 1 : 3;
  }

  /** The decoded pixels as unsigned bytes, channels last ({@code [height, width, channels()]}). */
  public byte[] pixels() {
    int c = channels();
    byte[] out = new byte[height * width * c];
    int stride = 1 + width * samplesPerPixel;
    for (int y = 0; y < height; y++) {
      int in = y * stride + 1;
      int o = y * width * c;
      if (c == samplesPerPixel) {
        System.arraycopy(scanlines, in, out, o, width * c);
        continue;
      }
      for (int x = 0; x < width; x++, in += samplesPerPixel) {
        for (int k = 0; k < c; k++) out[o++] = scanlines[in + k];
      }
    }
    return out;
  }

  /** Writes the image as gray bytes (colour through {@link Luma}) into {@code dst} at {@code offset}. */
  public void grayTo(byte[] dst, int offset) {
    int stride = 1 + width * samplesPerPixel;
    int o = offset;
    for (int y = 0; y < height; y++) {
      int in = y * stride + 1;
      if (samplesPerPixel == 1) {
        System.arraycopy(scanlines, in, dst, o, width);
        o += width;
      } else if (samplesPerPixel == 2) {
        for (int x = 0; x < width; x++, in += 2) dst[o++] = scanlines[in];
      } else {
        for (int x = 0; x < width; x++, in += samplesPerPixel) {
          dst[o++] = (byte) Luma.gray(scanlines[in] & 0xFF, scanlines[in + 1] & 0xFF, scanlines[in + 2] & 0xFF);
        }
      }
    }
  }

  private boolean readHeader(byte[] png, int at, SizeCheck sizeCheck) throws IOException {
    width = BigEndian.readInt(png, at);
    height = BigEndian.readInt(png, at + 4);
    int bitDepth = png[at + 8] & 0xFF;
    int colorType = png[at + 9] & 0xFF;
    int compression = png[at + 10] & 0xFF;
    int filter = png[at + 11] & 0xFF;
    int interlace = png[at + 12] & 0xFF;
    if (width <= 0 || height <= 0) throw new IOException("corrupt PNG (size " + width + "x" + height + ")");
    sizeCheck.check(width, height);
    if (compression != 0 || filter != 0) throw new IOException("corrupt PNG (unknown compression or filter method)");
    samplesPerPixel = switch (colorType) {
      case 0 -> 1;
      case 2 -> 3;
      case 4 -> 2;
      case 6 -> 4;
      default -> 0; // palette or invalid: ImageIO decides
    };
    if (samplesPerPixel == 0 || bitDepth != 8 || interlace != 0) return false;
    if ((long) height * (1 + (long) width * samplesPerPixel) > Integer.MAX_VALUE - 8) {
      throw new IOException("PNG too large (" + width + "x" + height + ")");
    }
    return true;
  }

  private int inflate(byte[] png, int at, int length, int filled, int expected) throws IOException {
    inflater.setInput(png, at, length);
    try {
      while (filled < expected) {
        int n = inflater.inflate(scanlines, filled, expected - filled);
        filled += n;
        if (n == 0 && (inflater.needsInput() || inflater.finished())) break;
        if (n == 0 && inflater.needsDictionary()) throw new IOException("corrupt PNG (zlib dictionary)");
      }
    } catch (DataFormatException e) {
      throw new IOException("corrupt PNG image data (" + Messages.describe(e) + ")", e);
    }
    return filled;
  }

  /** Whether the zlib stream holds more data than the image needs (a decompression bomb stops here). */
  private boolean inflatesFurther() throws IOException {
    if (inflater.finished() || inflater.needsInput()) return false;
    try {
      return inflater.inflate(new byte[1]) > 0;
    } catch (DataFormatException e) {
      throw new IOException("corrupt PNG image data (" + Messages.describe(e) + ")", e);
    }
  }

  /** Reverses the per-row filters (None, Sub, Up, Average, Paeth) in place. */
  private void unfilter() throws IOException {
    int bpp = samplesPerPixel;
    int rowBytes = width * bpp;
    int stride = rowBytes + 1;
    byte[] s = scanlines;
    for (int y = 0; y < height; y++) {
      int row = y * stride + 1;
      int prev = row - stride; // only read when y > 0
      int filter = s[row - 1];
      switch (filter) {
        case 0 -> { }
        case 1 -> {
          for (int i = bpp; i < rowBytes; i++) s[row + i] += s[row + i - bpp];
        }
        case 2 -> {
          if (y > 0) for (int i = 0; i < rowBytes; i++) s[row + i] += s[prev + i];
        }
        case 3 -> {
          for (int i = 0; i < rowBytes; i++) {
            int left = i >= bpp ? s[row + i - bpp] & 0xFF : 0;
            int up = y > 0 ? s[prev + i] & 0xFF : 0;
            s[row + i] += (byte) ((left + up) >>> 1);
          }
        }
        case 4 -> {
          for (int i = 0; i < rowBytes; i++) {
            int a = i >= bpp ? s[row + i - bpp] & 0xFF : 0;
            int b = y > 0 ? s[prev + i] & 0xFF : 0;
            int c = i >= bpp && y > 0 ? s[prev + i - bpp] & 0xFF : 0;
            s[row + i] += (byte) paeth(a, b, c);
          }
        }
        default -> throw new IOException("corrupt PNG (unknown filter type " + filter + " in row " + y + ")");
      }
    }
  }

  private static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a);
    int pb = Math.abs(p - b);
    int pc = Math.abs(p - c);
    if (pa <= pb && pa <= pc) return a;
    return pb <= pc ? b : c;
  }


  private static String name(int type) {
    byte[] b = {(byte) (type >>> 24), (byte) (type >>> 16), (byte) (type >>> 8), (byte) type};
    return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
