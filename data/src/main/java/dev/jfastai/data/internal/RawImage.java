package dev.jfastai.data.internal;

/**
 * A decoded image as unsigned bytes, channels last ({@code [height, width, channels]}), with 1 (gray) or 3 (RGB)
 * channels; alpha is dropped.
 */
public record RawImage(int width, int height, int channels, byte[] pixels) {
  /** This image in grayscale: itself if it is gray, else PIL's luma of each pixel. */
  public RawImage gray() {
    if (channels == 1) return this;
    byte[] g = new byte[width * height];
    for (int i = 0, p = 0; i < g.length; i++, p += 3) {
      g[i] = (byte) Luma.gray(pixels[p] & 0xFF, pixels[p + 1] & 0xFF, pixels[p + 2] & 0xFF);
    }
    return new RawImage(width, height, 1, g);
  }

  /** The pixels as floats in [0, 1] ({@code v / 255}), written into {@code dst} at {@code offset}. */
  public void unitTo(float[] dst, int offset) {
    for (int i = 0; i < pixels.length; i++) dst[offset + i] = Luma.unit(pixels[i]);
  }
}
