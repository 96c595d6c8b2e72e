package dev.jfastai.data.internal;

/** Pixel-value conversions shared by the image readers, matching PIL and the chapter's {@code .float()/255}. */
public final class Luma {
  /** {@code UNIT[v] == (float) v / 255}: the chapter's {@code tensor(img).float()/255}, bit for bit. */
  static final float[] UNIT = new float[256];

  static {
    for (int v = 0; v < 256; v++) UNIT[v] = v / 255f;
  }

  private Luma() {}

  /** PIL's RGB to L conversion (ITU-R 601-2 luma, 16-bit fixed point, rounded). */
  public static int gray(int r, int g, int b) {
    return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >>> 16;
  }

  /** An unsigned byte as a float in [0, 1]. */
  public static float unit(byte v) {
    return UNIT[v & 0xFF];
  }
}
