package dev.jfastai.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jfastai.learner.EpochRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON object per epoch in {@code learn.path()/history.jsonl}, for tools that ingest logs:
 * {@code {"epoch":0,"train_loss":0.69,"valid_loss":0.68,"accuracy":0.51,"time":1.234}} (time in seconds; a value
 * that was not computed is {@code null}). File handling as for every {@link EpochFileLogger}: each line is forced
 * to disk as its epoch ends, {@code append} or a resume continues the file, the LR finder and validation never
 * touch it.
 */
public final class JsonLinesLogger extends EpochFileLogger {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code history.jsonl}, started afresh by each fit. */
  public JsonLinesLogger() {
    this(builder());
  }

  private JsonLinesLogger(Builder b) {
    super(b.fileName(), b.append());
  }

  /** Options: {@code builder().fileName("runs/log").append(true).build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The objects of the latest fit's file, in order. */
  public List<Map<String, Object>> read() {
    return read(requirePath());
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

  @Override
  protected String line(List<String> columns, EpochRecord record) {
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

  /** Configures a {@link JsonLinesLogger}: file {@code history.jsonl}, not appending. */
  public static final class Builder extends EpochFileLogger.Builder<Builder> {
    private Builder() {
      super("history.jsonl");
    }

    @Override
    protected Builder self() {
      return this;
    }

    public JsonLinesLogger build() {
      return new JsonLinesLogger(this);
    }
  }
}
