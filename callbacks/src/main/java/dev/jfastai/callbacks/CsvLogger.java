package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.Formats;
import dev.jfastai.callbacks.internal.LogFile;
import dev.jfastai.learner.EpochRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * fastai's {@code CSVLogger}: the Recorder's epoch rows ({@code epoch,train_loss,valid_loss,<metrics>,time}) as CSV in
 * {@code learn.path()/history.csv}. The header is written once: with {@code append}, or when a fit resumes from a
 * checkpoint, rows go after the existing ones (unlike fastai, no second header). Each row is forced to disk as its
 * epoch ends, so a crash loses at most the running epoch. {@code validate()}, {@code getPreds} and the LR finder
 * never reopen or truncate the file.
 */
public final class CsvLogger extends EpochFileLogger {
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

  /** {@code history.csv}, started afresh by each fit. */
  public CsvLogger() {
    this(builder());
  }

  private CsvLogger(Builder b) {
    super(b.fileName(), b.append());
  }

  /** Options: {@code builder().fileName("runs/log").append(true).build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The rows of the latest fit's file, each a column-to-text map in file order. */
  public List<Map<String, String>> read() {
    return read(requirePath());
  }

  /** The rows of a CSV log, each a column-to-text map in header order. */
  public static List<Map<String, String>> read(Path file) {
    CSVFormat withHeader = FORMAT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, withHeader)) {
      List<String> header = parser.getHeaderNames();
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord r : parser) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) row.put(header.get(i), i < r.size() ? r.get(i) : null);
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("CsvLogger: cannot read " + file, e);
    }
  }

  @Override
  protected void checkContinued(Path file, List<String> columns) {
    String first = LogFile.firstLine(file);
    if (first == null || first.isEmpty()) return;
    List<String> found;
    try (CSVParser p = CSVParser.parse(first, FORMAT)) {
      found = p.getRecords().get(0).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("CsvLogger: cannot read the header of " + file, e);
    }
    if (!found.equals(columns)) {
      throw new IllegalStateException("CsvLogger: cannot append to " + file + ": its columns are " + found
          + " but this fit logs " + columns + "; use another file name or append=false");
    }
  }

  @Override
  protected Optional<String> header(List<String> columns) {
    return Optional.of(FORMAT.format(columns.toArray()));
  }

  @Override
  protected String line(List<String> columns, EpochRecord record) {
    List<Object> cells = new ArrayList<>();
    for (String c : columns) {
      switch (c) {
        case "epoch": cells.add(record.epoch()); break;
        case "time": cells.add(Formats.time(record.seconds())); break;
        default: cells.add(Double.toString(record.value(c)));
      }
    }
    return FORMAT.format(cells.toArray());
  }

  /** Configures a {@link CsvLogger}: file {@code history.csv}, not appending. */
  public static final class Builder extends EpochFileLogger.Builder<Builder> {
    private Builder() {
      super("history.csv");
    }

    @Override
    protected Builder self() {
      return this;
    }

    public CsvLogger build() {
      return new CsvLogger(this);
    }
  }
}
