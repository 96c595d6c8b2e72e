package dev.jfastai.data.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** A test-only PNG encoder that applies a chosen filter per row and splits the data over several IDAT chunks. */
final class PngWriter {
  private PngWriter() {}

  /**
   * Encodes 8-bit {@code samples} ({@code height x width x samplesPerPixel}) of PNG colour type {@code colorType};
   * row y uses filter {@code filters[y % filters.length]}; IDAT chunks hold at most {@code idatSize} bytes.
   */
  static byte[] encode(int width, int height, int colorType, byte[] samples, int[] filters, int idatSize)
      throws IOException {
    int bpp = switch (colorType) {
      case 0 -> 1;
      case 2 -> 3;
      case 4 -> 2;
      case 6 -> 4;
      default -> throw new IllegalArgumentException("colour type " + colorType);
    };
    int rowBytes = width * bpp;
    byte[] filtered = new byte[height * (rowBytes + 1)];
    for (int y = 0; y < height; y++) {
      int f = filters[y % filters.length];
      filtered[y * (rowBytes + 1)] = (byte) f;
      for (int i = 0; i < rowBytes; i++) {
        int x = samples[y * rowBytes + i] & 0xFF;
        int a = i >= bpp ? samples[y * rowBytes + i - bpp] & 0xFF : 0;
        int b = y > 0 ? samples[(y - 1) * rowBytes + i] & 0xFF : 0;
        int c = i >= bpp && y > 0 ? samples[(y - 1) * rowBytes + i - bpp] & 0xFF : 0;
        int predictor = switch (f) {
          case 0 -> 0;
          case 1 -> a;
          case 2 -> b;
          case 3 -> (a + b) / 2;
          case 4 -> paeth(a, b, c);
          default -> throw new IllegalArgumentException("filter " + f);
        };
        filtered[y * (rowBytes + 1) + 1 + i] = (byte) (x - predictor);
      }
    }
    byte[] compressed = zlib(filtered);
    ByteArrayOutputStream png = header(width, height, colorType);
    chunk(png, "tEXt", "Comment\0made by PngWriter".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    for (int at = 0; at < compressed.length; at += idatSize) {
      byte[] part = java.util.Arrays.copyOfRange(compressed, at, Math.min(compressed.length, at + idatSize));
      chunk(png, "IDAT", part);
    }
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  /**
   * A PNG of IHDR ({@code width x height}, 8 bits, {@code colorType}), one IDAT of {@code idat} (already
   * compressed, possibly empty) and IEND: what a file can declare regardless of the data it holds.
   */
  static byte[] raw(int width, int height, int colorType, byte[] idat) throws IOException {
    ByteArrayOutputStream png = header(width, height, colorType);
    if (colorType == 3) chunk(png, "PLTE", new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
    chunk(png, "IDAT", idat);
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  /** {@code data} compressed as a zlib stream, what IDAT chunks hold. */
  static byte[] zlib(byte[] data) {
    Deflater deflater = new Deflater(9);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (!deflater.finished()) z.write(buf, 0, deflater.deflate(buf));
    deflater.end();
    return z.toByteArray();
  }

  /** The signature and the IHDR chunk of an 8-bit image. */
  private static ByteArrayOutputStream header(int width, int height, int colorType) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream h = new DataOutputStream(ihdr);
    h.writeInt(width);
    h.writeInt(height);
    h.write(new byte[] {8, (byte) colorType, 0, 0, 0});
    chunk(png, "IHDR", ihdr.toByteArray());
    return png;
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(data.length);
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    d.write(t);
    d.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    d.writeInt((int) crc.getValue());
  }

  private static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a);
    int pb = Math.abs(p - b);
    int pc = Math.abs(p - c);
    if (pa <= pb && pa <= pc) return a;
    return pb <= pc ? b : c;
  }
}
