package dev.jfastai.data.internal;

/** Big-endian integers, as PNG and IDX headers store them. */
public final class BigEndian {
  private BigEndian() {}

  /** The 32-bit big-endian integer at {@code b[at..at+4)}. */
  public static int readInt(byte[] b, int at) {
    return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
  }
}
