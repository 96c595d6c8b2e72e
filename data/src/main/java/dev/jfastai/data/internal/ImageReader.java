package dev.jfastai.data.internal;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads image files: 8-bit PNGs through the fast {@link PngDecoder}, everything else (JPEG, palette or 16-bit
 * PNG, BMP, GIF) through ImageIO. The size a file declares is checked before any pixel memory is allocated:
 * against the size the caller expects, and against a pixel limit like Pillow's {@code MAX_IMAGE_PIXELS}. Errors
 * name the file. Not thread-safe: one instance per thread; close it to free the native inflater at once.
 */
public final class ImageReader implements AutoCloseable {
  /** The system property that sets the pixel limit (width x height) of one image. */
  public static final String MAX_PIXELS_PROPERTY = "jfastai.images.maxPixels";
  /** Pillow's {@code MAX_IMAGE_PIXELS}: 1024 * 1024 * 1024 // 4 // 3. */
  public static final long DEFAULT_MAX_PIXELS = 89_478_485L;

  private final PngDecoder png = new PngDecoder();
  private final long maxPixels;

  /** A reader with the pixel limit of {@link #MAX_PIXELS_PROPERTY}, or Pillow's default. */
  public ImageReader() {
    this(Long.getLong(MAX_PIXELS_PROPERTY, DEFAULT_MAX_PIXELS));
  }

  /** A reader that refuses images of more than {@code maxPixels} pixels. */
  public ImageReader(long maxPixels) {
    if (maxPixels < 1) throw new IllegalArgumentException("ImageReader: maxPixels must be >= 1, got " + maxPixels);
    this.maxPixels = maxPixels;
  }

  /** Reads {@code file} as bytes, 1 channel for gray images and 3 for colour. */
  public RawImage read(Path file) throws IOException {
    byte[] bytes = readFile(file);
    PngDecoder.SizeCheck check = (w, h) -> checkPixels(file, w, h);
    try {
      if (isPng(bytes) && png.decode(bytes, check)) {
        return new RawImage(png.width(), png.height(), png.channels(), png.pixels());
      }
      return decodeWithImageIo(bytes, check);
    } catch (WrongSizeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Reads {@code file} as grayscale bytes into {@code dst} at {@code offset}, failing with the file's name unless the
   * image is {@code height x width}.
   */
  public void readGrayInto(Path file, int height, int width, byte[] dst, int offset) throws IOException {
    byte[] bytes = readFile(file);
    PngDecoder.SizeCheck check = (w, h) -> checkSize(file, h, w, height, width);
    try {
      if (isPng(bytes) && png.decode(bytes, check)) {
        png.grayTo(dst, offset);
        return;
      }
      byte[] gray = decodeWithImageIo(bytes, check).gray().pixels();
      System.arraycopy(gray, 0, dst, offset, gray.length);
    } catch (WrongSizeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Reads {@code file} as RGB bytes, channels first ({@code [3, height, width]}, a gray image in all three), into
   * {@code dst} at {@code offset}, failing with the file's name unless it is {@code height x width}.
   */
  public void readRgbInto(Path file, int height, int width, byte[] dst, int offset) throws IOException {
    RawImage image = read(file);
    checkSize(file, image.height(), image.width(), height, width);
    byte[] px = image.pixels();
    int plane = height * width;
    for (int i = 0; i < plane; i++) {
      for (int k = 0; k < 3; k++) {
        dst[offset + k * plane + i] = px[image.channels() == 1 ? i : 3 * i + k];
      }
    }
  }

  @Override
  public void close() {
    png.close();
  }

  private static byte[] readFile(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException("Cannot read image " + file + ": no such file", e);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static boolean isPng(byte[] b) {
    return b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
  }

  private void checkPixels(Path file, int w, int h) throws WrongSizeException {
    if ((long) w * h > maxPixels) {
      throw new WrongSizeException("Image " + file + " declares " + w + "x" + h + " pixels (width x height), "
          + (long) w * h + " in all, more than the limit of " + maxPixels + ": a decompression bomb or not a"
          + " dataset image (the system property " + MAX_PIXELS_PROPERTY + " raises the limit, as Pillow's"
          + " MAX_IMAGE_PIXELS does)");
    }
  }

  private static void checkSize(Path file, int h, int w, int height, int width) throws WrongSizeException {
    if (h != height || w != width) {
      throw new WrongSizeException("Image " + file + " is " + h + "x" + w + " (height x width) but all images here"
          + " must be " + height + "x" + width + ": resize it or remove it from the folder");
    }
  }

  private static IOException unreadable(Path file, Exception e) {
    return new IOException("Cannot read image " + file + ": " + Messages.describe(e), e);
  }

  /** ImageIO's decoding, after {@code check} has seen the size the header declares. */
  private static RawImage decodeWithImageIo(byte[] bytes, PngDecoder.SizeCheck check) throws IOException {
    BufferedImage img;
    // A memory-backed stream: ImageIO would otherwise write a cache file per image.
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<javax.imageio.ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) throw new IOException("not an image format this JVM can read (PNG, JPEG, BMP, GIF)");
      javax.imageio.ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        check.check(reader.getWidth(0), reader.getHeight(0));
        img = reader.read(0);
      } finally {
        reader.dispose();
      }
    }
    int w = img.getWidth();
    int h = img.getHeight();
    ColorModel cm = img.getColorModel();
    if (!(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
      Raster raster = img.getRaster();
      int max = (1 << cm.getComponentSize(0)) - 1;
      byte[] g = new byte[w * h];
      for (int y = 0, i = 0; y < h; y++) {
        for (int x = 0; x < w; x++, i++) {
          int v = raster.getSample(x, y, 0);
          g[i] = (byte) (max == 255 ? v : Math.round(v * 255.0 / max));
        }
      }
      return new RawImage(w, h, 1, g);
    }
    int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
    byte[] rgb = new byte[w * h * 3];
    for (int i = 0, p = 0; i < argb.length; i++) {
      rgb[p++] = (byte) (argb[i] >>> 16);
      rgb[p++] = (byte) (argb[i] >>> 8);
      rgb[p++] = (byte) argb[i];
    }
    return new RawImage(w, h, 3, rgb);
  }

  /** An image of the wrong size: reported as it is, not as unreadable. */
  private static final class WrongSizeException extends IOException {
    private static final long serialVersionUID = 1L;

    WrongSizeException(String message) {
      super(message);
    }
  }
}
