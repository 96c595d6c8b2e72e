package dev.jfastai.callbacks.internal;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.util.Locale;

/**
 * fastprogress's console progress bar, {@code Epoch 1/5 : |████----| 50.00% [2/4 00:01<00:01 0.6931]}, redrawn in
 * place with a carriage return: at the start, for the first five steps, then about every 0.2 s and at the end.
 * Only meant for a real terminal; see {@link #stdoutIsTerminal()}.
 */
public final class ConsoleBar {
  private static final double UPDATE_EVERY_S = 0.2;
  private static final int FIRST_ITS = 5;
  private static final int TEXT_LEN = 60;

  private final PrintStream out;
  private final int cols;
  private final char fill;
  private String prefix = "";
  private int total;
  private int length;
  private long startNanos;
  private int lastShown;
  private int waitFor;
  private double predictedS;
  private int maxLen;

  public ConsoleBar(PrintStream out) {
    this.out = out;
    this.cols = Math.min(terminalColumns(), 160);
    this.fill = unicodeOutput() ? '\u2588' : 'X';
  }

  /** Starts a new bar over {@code total} steps and draws it at 0. */
  public void start(String prefix, int total) {
    this.prefix = prefix;
    this.total = total;
    this.length = cols - TEXT_LEN;
    this.startNanos = System.nanoTime();
    this.lastShown = 0;
    this.waitFor = 1;
    this.predictedS = 0;
    draw(0, 0, "");
  }

  /** Reports {@code done} steps; redraws when due. {@code comment} (e.g. the smoothed loss) ends the line. */
  public void update(int done, String comment) {
    if (total == 0 || !(done <= FIRST_ITS || done >= lastShown + waitFor || done >= total)) return;
    double elapsedS = (System.nanoTime() - startNanos) / 1e9;
    double avg = elapsedS / done;
    waitFor = Math.max((int) (UPDATE_EVERY_S / (avg + 1e-8)), 1);
    predictedS = avg * total;
    lastShown = done;
    draw(done, elapsedS, comment);
  }

  /** Wipes the bar's line so that the next text starts on a clean line. */
  public void clear() {
    if (maxLen == 0) return;
    out.print("\r" + " ".repeat(maxLen) + "\r");
    out.flush();
    maxLen = 0;
  }

  private void draw(int done, double elapsedS, String comment) {
    String end = comment.isEmpty() ? "" : " " + comment;
    String text = total == 0 ? "100% [0/0]"
        : String.format(Locale.ROOT, "%.2f%% [%d/%d %s<%s%s]", 100.0 * done / total, done, total,
            Formats.time(elapsedS), Formats.time(predictedS - elapsedS), end);
    length = Math.max(0, Math.min(length, cols - text.length() - prefix.length() - 4));
    int filled = total == 0 ? 0 : length * done / total;
    String line = prefix + " |" + String.valueOf(fill).repeat(filled) + "-".repeat(length - filled) + "| " + text;
    maxLen = Math.max(maxLen, line.length());
    out.print("\r" + line);
    out.flush();
  }

  /**
   * Whether standard output is a terminal. From JDK 22 on {@code System.console()} exists even when output is
   * redirected, so its {@code isTerminal()} (looked up reflectively: we compile for 17) decides.
   */
  public static boolean stdoutIsTerminal() {
    Console console = System.console();
    if (console == null) return false;
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // before JDK 22 a console exists only for an interactive terminal
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  private static int terminalColumns() {
    try {
      String columns = System.getenv("COLUMNS");
      return columns == null ? 100 : Integer.parseInt(columns.trim());
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  private static boolean unicodeOutput() {
    String enc = System.getProperty("stdout.encoding", Charset.defaultCharset().name());
    return enc.toUpperCase(Locale.ROOT).replace("-", "").equals("UTF8");
  }
}
