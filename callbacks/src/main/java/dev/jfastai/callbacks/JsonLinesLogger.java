package dev.jfastai.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jfastai.callbacks.internal.EpochLog;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.EpochRecord;
import dev.jfastai.learner.Learner;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One JSON object per epoch in {@code learn.path()/history.jsonl}, for tools that ingest logs:
 * {@code {"epoch":0,"train_loss":0.69,"valid_loss":0.68,"accuracy":0.51,"time":1.234}} (time in seconds; a value
 * that was not computed is {@code null}). Same file handling as {@link CsvLogger}: each line is forced to disk as
 * its epoch ends, {@code append} or a resume continues the file, the LR finder and validation never touch it.
 */
public final class JsonLinesLogger implements Callback {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonLinesSettings settings;
  private final EpochLog log = new EpochLog(new JsonLines());

  /** {@code history.jsonl}, started afresh by each fit. */
  public JsonLinesLogger() {
    this(new JsonLinesSettings());
  }

  @Inject
  public JsonLinesLogger(JsonLinesSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public int order() {
    return 60;
  }

  @Override
  public void beforeFit(Learner learn) {
    log.beforeFit(learn, settings.fileName(), settings.append());
  }

  @Override
  public void afterEpoch(Learner learn) {
    log.afterEpoch(learn);
  }

  @Override
  public void afterFit(Learner learn) {
    log.finish(learn);
  }

  @Override
  public void onError(Learner learn, Throwable error) {
    log.finish(learn);
  }

  /** The file the latest fit wrote, or null before the first fit. */
  public Path path() {
    return log.path();
  }

  /** The objects of the latest fit's file, in order. */
  public List<Map<String, Object>> read() {
    if (log.path() == null) throw new IllegalStateException("JsonLinesLogger.read: no fit has run yet; use read(Path)");
    return read(log.path());
  }

  /** The objects of a JSON-lines log, in order; blank lines are skipped. */
  public static List<Map<String, Object>> read(Path file) {
    List<Map<String, Object>> rows = new ArrayList<>();
    try {
      int lineNo = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        lineNo++;
        if (line.isBlank()) continue;
        try {
          rows.add(JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {}));
        } catch (JsonProcessingException e) {
          throw new UncheckedIOException("JsonLinesLogger: " + file + " line " + lineNo + " is not a JSON object", e);
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("JsonLinesLogger: cannot read " + file, e);
    }
  }

  private static final class JsonLines implements EpochLog.LineFormat {
    @Override
    public void checkContinued(Path file, List<String> columns) {
      // each line names its own fields, so any earlier content can be continued
    }

    @Override
    public String header(List<String> columns) {
      return null;
    }

    @Override
    public String line(List<String> columns, EpochRecord record) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (String c : columns) {
        if (c.equals("epoch")) {
          row.put(c, record.epoch());
        } else {
          double v = c.equals("time") ? record.seconds() : record.value(c);
          row.put(c, Double.isFinite(v) ? v : null); // JSON has no NaN or infinity
        }
      }
      try {
        return JSON.writeValueAsString(row);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("JsonLinesLogger: cannot encode " + row, e);
      }
    }
  }
}
