package dev.jfastai.callbacks.internal;

import dev.jfastai.learner.EpochRecord;
import java.util.ArrayList;
import java.util.List;

/** The two table layouts: fastai's space-aligned progress table and the chapter's tab-separated one. */
public final class TableFormat {
  private TableFormat() {}

  /** fastprogress's header: each name padded with spaces to at least 8 characters, joined by two spaces. */
  public static String fastaiHeader(List<String> names) {
    List<String> padded = new ArrayList<>();
    for (String n : names) padded.add(padded(n));
    return String.join("  ", padded);
  }

  /**
   * fastprogress's row: each cell followed by spaces up to its padded column width plus two (so rows keep a
   * trailing run of spaces, as fastprogress prints them). A cell wider than its column still gets one space.
   */
  public static String fastaiRow(List<String> names, List<String> cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      int gap = 2 + padded(names.get(i)).length() - cell.length();
      sb.append(cell).append(" ".repeat(Math.max(gap, 1)));
    }
    return sb.toString();
  }

  /** fastai's cells: the epoch, every value with 6 decimals, the time as {@code mm:ss}. */
  public static List<String> fastaiCells(List<String> names, EpochRecord record) {
    List<String> cells = new ArrayList<>();
    for (String name : names) {
      switch (name) {
        case "epoch": cells.add(Integer.toString(record.epoch())); break;
        case "time": cells.add(Formats.time(record.seconds())); break;
        default: cells.add(Formats.fixed(record.value(name), 6));
      }
    }
    return cells;
  }

  /** The chapter's header: {@code Epoch}, {@code Train Loss}, then each metric's name, tab-separated. */
  public static String plainHeader(List<String> metricNames) {
    List<String> names = new ArrayList<>(List.of("Epoch", "Train Loss"));
    names.addAll(metricNames);
    return String.join("\t", names);
  }

  /** The chapter's row: the epoch, the epoch's mean train loss and each metric, 4 decimals, tab-separated. */
  public static String plainRow(List<String> metricNames, EpochRecord record) {
    List<String> cells = new ArrayList<>(List.of(Integer.toString(record.epoch()), Formats.fixed(record.trainLossMean(),
        4)));
    for (String name : metricNames) cells.add(Formats.fixed(record.value(name), 4));
    return String.join("\t", cells);
  }

  private static String padded(String name) {
    return name.length() < 8 ? name + " ".repeat(8 - name.length()) : name;
  }
}
