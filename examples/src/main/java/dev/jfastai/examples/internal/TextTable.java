package dev.jfastai.examples.internal;

import java.io.PrintStream;
import java.util.List;

/**
 * A plain text table printed row by row as results arrive: each column as wide as its header, two spaces apart,
 * values left-aligned (the layout of the chapter's tables and of fastai's progress table).
 */
public final class TextTable {
  private final List<String> headers;
  private final PrintStream out;

  public TextTable(PrintStream out, String... headers) {
    this.out = out;
    this.headers = List.of(headers);
  }

  /** Prints the header line. */
  public void printHeader() {
    printRow(headers.toArray(new Object[0]));
  }

  /** Prints one row; {@code values} must have one entry per header. */
  public void printRow(Object... values) {
    if (values.length != headers.size()) {
      throw new IllegalArgumentException("Table row has " + values.length + " values for " + headers.size()
          + " columns " + headers);
    }
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      String cell = String.valueOf(values[i]);
      line.append(cell);
      if (i < values.length - 1) line.append(" ".repeat(Math.max(0, headers.get(i).length() - cell.length()) + 2));
    }
    out.println(line);
    out.flush();
  }
}
