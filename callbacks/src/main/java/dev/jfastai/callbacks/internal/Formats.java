package dev.jfastai.callbacks.internal;

import java.util.Locale;

/** Number and time formatting as fastai prints them. */
public final class Formats {
  private Formats() {}

  /** Python's {@code f'{x:.<decimals>f}'}: NaN prints {@code nan}, infinities {@code inf} / {@code -inf}. */
  public static String fixed(double x, int decimals) {
    if (Double.isNaN(x)) return "nan";
    if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
    return String.format(Locale.ROOT, "%." + decimals + "f", x);
  }

  /** fastai's {@code format_time}: whole seconds (truncated) as {@code mm:ss}, or {@code h:mm:ss} from one hour on. */
  public static String time(double seconds) {
    long t = (long) seconds;
    long h = t / 3600;
    long m = (t / 60) % 60;
    long s = t % 60;
    return h != 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%02d:%02d", m, s);
  }
}
