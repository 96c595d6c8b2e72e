package dev.jfastai.nn.internal;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * The safetensors dtypes jfastai reads, each decoded to float32. It writes F32, and I64 for integer buffers such as
 * BatchNorm's {@code num_batches_tracked} (an int64 in PyTorch).
 */
public enum DType {
  F32(4),
  F64(8),
  F16(2),
  BF16(2),
  I64(8);

  /** Valid safetensors dtypes that jfastai does not read, so they get a clearer message than "unknown". */
  public static final Set<String> UNSUPPORTED = Set.of("BOOL", "U8", "I8", "I16", "U16", "I32", "U32", "U64",
      "F8_E4M3", "F8_E5M2", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "C64");

  private final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }

  /** Decodes {@code count} little-endian values from {@code src} into {@code dst[pos..]}. */
  public void decode(ByteBuffer src, float[] dst, int pos, int count) {
    switch (this) {
      case F32 -> src.asFloatBuffer().get(dst, pos, count);
      case F64 -> {
        for (int i = 0; i < count; i++) dst[pos + i] = (float) src.getDouble(i * 8);
      }
      case F16 -> {
        for (int i = 0; i < count; i++) dst[pos + i] = halfToFloat(src.getShort(i * 2));
      }
      case BF16 -> {
        for (int i = 0; i < count; i++) dst[pos + i] = Float.intBitsToFloat((src.getShort(i * 2) & 0xFFFF) << 16);
      }
      case I64 -> {
        for (int i = 0; i < count; i++) dst[pos + i] = src.getLong(i * 8);
      }
    }
  }

  /** IEEE 754 binary16 to float (exact: every half is a float). */
  static float halfToFloat(short h) {
    int bits = h & 0xFFFF;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    if (exponent == 0x1F) return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13)); // inf, NaN
    if (exponent == 0) { // zero or subnormal: mantissa * 2^-24
      float v = mantissa * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13)); // rebias 15 -> 127
  }
}
