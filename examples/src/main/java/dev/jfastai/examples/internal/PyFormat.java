package dev.jfastai.examples.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Prints numbers the way the chapter's Python does, so the outputs can be compared line by line. */
public final class PyFormat {
  private PyFormat() {}

  /** Python's {@code round(x, digits)}: the exact binary value rounded half-to-even. */
  public static double round(double x, int digits) {
    if (!Double.isFinite(x)) return x;
    return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** Python's {@code repr(float)} for ordinary magnitudes: shortest digits, one decimal at least ({@code 1.0}). */
  public static String repr(double x) {
    if (Double.isNaN(x)) return "nan";
    if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
    double abs = Math.abs(x);
    if (abs == 0 || (abs >= 1e-3 && abs < 1e7)) return Double.toString(x); // same shortest digits as Python
    // Java writes 4.0E-4 where Python writes 0.0004.
    if (abs >= 1e-4 && abs < 1e-3) return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    return Double.toString(x); // outside what the examples print
  }

  /** A float32 as Python prints the number typed on the command line: {@code 0.1}, not {@code 0.10000000149011612}. */
  public static String repr(float x) {
    return repr(Double.parseDouble(Float.toString(x)));
  }

  /** {@code repr(round(x, digits))}: how the chapter prints an accuracy. */
  public static String rounded(double x, int digits) {
    return repr(round(x, digits));
  }
}
