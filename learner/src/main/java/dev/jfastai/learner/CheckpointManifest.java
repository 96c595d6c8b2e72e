package dev.jfastai.learner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code name.json} holds: the generation and the files it commits (size and SHA-256 of each), epochs done,
 * the training data order's generator, the recorder and every {@link StatefulCallback}'s state. {@link #read}
 * checks every field before any of it is used, so a malformed file is refused with the field at fault.
 */
record CheckpointManifest(int formatVersion, String generation, Map<String, FileEntry> files, int epochsDone,
                          Long trainGeneratorState, RecorderState recorder,
                          Map<String, Map<String, Object>> callbacks) {
  static final int FORMAT_VERSION = 2;
  /** Version 1 (before manifests) had no generation or file list: its files are loaded unchecked. */
  static final int UNCHECKED_VERSION = 1;

  // Strict: a missing field, a null number or "5" for 5 is a fault to report, not a value to guess.
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  /** One committed file: its usual name, size and SHA-256 (hex). */
  record FileEntry(String name, long bytes, String sha256) {}

  /** The committed files by part (absent parts were not saved). */
  Map<CheckpointPart, FileEntry> parts() {
    Map<CheckpointPart, FileEntry> out = new EnumMap<>(CheckpointPart.class);
    if (files == null) return out;
    for (CheckpointPart p : CheckpointPart.values()) {
      if (files.containsKey(p.key())) out.put(p, files.get(p.key()));
    }
    return out;
  }

  byte[] toJson() throws JsonProcessingException {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
  }

  /** Reads and checks {@code file}; a fault throws {@link CheckpointFormatException} naming the field. */
  static CheckpointManifest read(Path file) throws IOException {
    CheckpointManifest m;
    try {
      JsonNode tree = JSON.readTree(Files.readAllBytes(file));
      if (tree instanceof ObjectNode o && o.path("formatVersion").asInt() == UNCHECKED_VERSION) {
        o.putNull("generation"); // fields version 1 did not have
        o.putNull("files");
      }
      m = JSON.treeToValue(tree, CheckpointManifest.class);
    } catch (JsonMappingException e) {
      throw new CheckpointFormatException(file, "field '" + path(e) + "': " + withoutHints(e.getOriginalMessage())
          + ". Nothing was loaded.", e);
    } catch (JsonProcessingException e) {
      throw new CheckpointFormatException(file, "not valid JSON (" + e.getOriginalMessage() + "): the file is"
          + " damaged. Nothing was loaded.", e);
    }
    m.check(file);
    return m;
  }

  private void check(Path file) throws CheckpointFormatException {
    if (formatVersion != FORMAT_VERSION && formatVersion != UNCHECKED_VERSION) {
      throw fault(file, "formatVersion", "checkpoint format " + formatVersion + " is not supported (expected "
          + FORMAT_VERSION + ")");
    }
    if (epochsDone < 0) throw fault(file, "epochsDone", "must be >= 0, got " + epochsDone);
    if (formatVersion == FORMAT_VERSION) {
      if (generation == null || generation.isEmpty()) throw fault(file, "generation", "is missing");
      if (files == null) throw fault(file, "files", "is missing");
      if (!files.containsKey(CheckpointPart.WEIGHTS.key())) throw fault(file, "files.weights", "is missing");
      for (Map.Entry<String, FileEntry> e : files.entrySet()) checkEntry(file, e.getKey(), e.getValue());
    }
    if (recorder == null) throw fault(file, "recorder", "is missing");
    requireElements(file, "recorder.epochs", recorder.epochs());
    requireElements(file, "recorder.losses", recorder.losses());
    requireElements(file, "recorder.smoothLosses", recorder.smoothLosses());
    requireElements(file, "recorder.lrs", recorder.lrs());
    for (int i = 0; i < recorder.epochs().size(); i++) {
      if (recorder.epochs().get(i).metrics().containsValue(null)) {
        throw fault(file, "recorder.epochs[" + i + "].metrics", "has a null value");
      }
    }
    if (recorder.smoothCount() < 0) throw fault(file, "recorder.smoothCount", "must be >= 0");
    if (callbacks == null) throw fault(file, "callbacks", "is missing");
    for (Map.Entry<String, Map<String, Object>> e : callbacks.entrySet()) {
      if (e.getValue() == null) throw fault(file, "callbacks." + e.getKey(), "is null");
    }
  }

  private static void checkEntry(Path file, String key, FileEntry entry) throws CheckpointFormatException {
    String field = "files." + key;
    boolean known = false;
    for (CheckpointPart p : CheckpointPart.values()) known |= p.key().equals(key);
    if (!known) throw fault(file, field, "is not a part of a checkpoint (expected weights, optimizer)");
    if (entry == null) throw fault(file, field, "is null");
    if (entry.name() == null || entry.name().isEmpty() || entry.name().contains("/") || entry.name().contains("\\")) {
      throw fault(file, field + ".name", "must be a plain file name, got " + entry.name());
    }
    if (entry.bytes() < 0) throw fault(file, field + ".bytes", "must be >= 0, got " + entry.bytes());
    if (entry.sha256() == null || !entry.sha256().matches("[0-9a-f]{64}")) {
      throw fault(file, field + ".sha256", "must be 64 hex digits, got " + entry.sha256());
    }
  }

  private static void requireElements(Path file, String field, List<?> list) throws CheckpointFormatException {
    if (list == null) throw fault(file, field, "is missing");
    if (list.contains(null)) throw fault(file, field, "has a null element");
  }

  private static CheckpointFormatException fault(Path file, String field, String problem) {
    return new CheckpointFormatException(file, "field '" + field + "' " + problem + ". Nothing was loaded.");
  }

  /** Jackson's message without its advice on configuring Jackson, which is for us, not for the user. */
  private static String withoutHints(String message) {
    String out = message;
    for (String hint : new String[] {" (set DeserializationConfig", " (but might", "; `DeserializationFeature"}) {
      int at = out.indexOf(hint);
      if (at >= 0) out = out.substring(0, at);
    }
    return out;
  }

  private static String path(JsonMappingException e) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (s.length() > 0) s.append('.');
        s.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        s.append('[').append(r.getIndex()).append(']');
      }
    }
    return s.length() == 0 ? "(top level)" : s.toString();
  }
}
