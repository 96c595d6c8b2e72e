package dev.jfastai.data.internal;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line download progress bar (bytes, percent, speed) redrawn in place with carriage returns. */
public final class ProgressBar {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String label;
  private final long total;
  private final long startNanos;
  private long lastDraw;

  /** {@code total} is the expected byte count, or -1 when the server did not say. */
  public ProgressBar(PrintStream out, String label, long total) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.startNanos = System.nanoTime();
    this.lastDraw = startNanos - REDRAW_NANOS; // draw the first update at once
  }

  public void update(long done) {
    long now = System.nanoTime();
    if (now - lastDraw < REDRAW_NANOS) return;
    lastDraw = now;
    out.print("\r" + line(done, now - startNanos));
    out.flush();
  }

  public void finish(long done) {
    out.println("\r" + line(done, System.nanoTime() - startNanos));
  }

  /** The text of the bar after {@code done} bytes in {@code elapsedNanos}. */
  String line(long done, long elapsedNanos) {
    double seconds = Math.max(elapsedNanos, 1) / 1e9;
    String speed = megabytes(done / seconds) + " MB/s";
    if (total <= 0) return String.format(Locale.ROOT, "%s  %s MB  %s", label, megabytes(done), speed);
    int percent = (int) Math.min(100, done * 100 / total);
    int filled = percent * WIDTH / 100;
    return String.format(Locale.ROOT, "%s |%s%s| %3d%%  %s/%s MB  %s", label, "#".repeat(filled),
        " ".repeat(WIDTH - filled), percent, megabytes(done), megabytes(total), speed);
  }

  private static String megabytes(double bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
  }
}
