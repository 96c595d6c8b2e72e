package dev.jfastai.nn.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jfastai.nn.SafetensorsFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON header of a safetensors file: parsed with Jackson and validated completely (dtypes, shapes, sizes, and
 * offsets that tile the data section with no gap, overlap or overrun) before any tensor data is read.
 */
public final class SafetensorsHeader {
  /** The reference implementation's limit: larger headers are rejected unread. */
  public static final long MAX_HEADER_BYTES = 100_000_000L;
  public static final String METADATA_KEY = "__metadata__";

  static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** One tensor's header entry; {@code begin}/{@code end} are byte offsets into the data section. */
  public record Entry(String name, DType dtype, int[] shape, long begin, long end) {
    public int numel() {
      return (int) ((end - begin) / dtype.bytes());
    }
  }

  private final List<Entry> entries;
  private final Map<String, String> metadata;

  private SafetensorsHeader(List<Entry> entries, Map<String, String> metadata) {
    this.entries = entries;
    this.metadata = metadata;
  }

  /** Entries in header order. */
  public List<Entry> entries() {
    return entries;
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  /** Parses {@code json} and checks every entry against a data section of {@code dataLength} bytes. */
  public static SafetensorsHeader parse(Path file, byte[] json, long dataLength) throws SafetensorsFormatException {
    if (json.length == 0 || json[0] != '{') {
      throw new SafetensorsFormatException(file, "header does not start with '{': not a safetensors file");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new SafetensorsFormatException(file, "header is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (!(root instanceof ObjectNode)) throw new SafetensorsFormatException(file, "header is not a JSON object");
    Map<String, String> metadata = new LinkedHashMap<>();
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (field.getKey().equals(METADATA_KEY)) {
        readMetadata(file, field.getValue(), metadata);
      } else {
        entries.add(readEntry(file, field.getKey(), field.getValue(), dataLength));
      }
    }
    checkTiling(file, entries, dataLength);
    return new SafetensorsHeader(List.copyOf(entries), metadata);
  }

  /** The header bytes for {@code entries}: compact JSON padded with spaces to a multiple of 8, as the reference. */
  public static byte[] encode(List<Entry> entries, Map<String, String> metadata) {
    ObjectNode root = MAPPER.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = root.putObject(METADATA_KEY);
      metadata.forEach(meta::put);
    }
    for (Entry e : entries) {
      ObjectNode node = root.putObject(e.name());
      node.put("dtype", e.dtype().name());
      ArrayNode shape = node.putArray("shape");
      for (int d : e.shape()) shape.add(d);
      node.putArray("data_offsets").add(e.begin()).add(e.end());
    }
    byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    byte[] out = Arrays.copyOf(json, padded);
    Arrays.fill(out, json.length, padded, (byte) ' ');
    return out;
  }

  private static void readMetadata(Path file, JsonNode node, Map<String, String> into)
      throws SafetensorsFormatException {
    if (!node.isObject()) throw new SafetensorsFormatException(file, "__metadata__ must be an object of strings");
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isTextual()) {
        throw new SafetensorsFormatException(file, "__metadata__ value of '" + e.getKey() + "' is not a string: "
            + e.getValue());
      }
      into.put(e.getKey(), e.getValue().textValue());
    }
  }

  private static Entry readEntry(Path file, String name, JsonNode node, long dataLength)
      throws SafetensorsFormatException {
    String where = "tensor '" + name + "'";
    if (!node.isObject()) throw new SafetensorsFormatException(file, where + ": entry is not an object");
    JsonNode dtypeNode = node.get("dtype");
    JsonNode shapeNode = node.get("shape");
    JsonNode offsetsNode = node.get("data_offsets");
    if (dtypeNode == null || shapeNode == null || offsetsNode == null) {
      throw new SafetensorsFormatException(file, where + ": entry needs dtype, shape and data_offsets, got " + node);
    }
    DType dtype = readDType(file, where, dtypeNode);
    if (!shapeNode.isArray()) throw new SafetensorsFormatException(file, where + ": shape is not an array");
    int[] shape = new int[shapeNode.size()];
    long numel = 1;
    for (int i = 0; i < shape.length; i++) {
      JsonNode d = shapeNode.get(i);
      if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
        throw new SafetensorsFormatException(file, where + ": shape " + shapeNode + " must hold non-negative ints");
      }
      shape[i] = d.intValue();
      numel = multiplyOrFail(file, where, numel, shape[i]);
    }
    if (!offsetsNode.isArray() || offsetsNode.size() != 2 || !isOffset(offsetsNode.get(0))
        || !isOffset(offsetsNode.get(1))) {
      throw new SafetensorsFormatException(file, where + ": data_offsets " + offsetsNode
          + " must be two non-negative integers [begin, end]");
    }
    long begin = offsetsNode.get(0).longValue();
    long end = offsetsNode.get(1).longValue();
    if (begin > end) {
      throw new SafetensorsFormatException(file, where + ": data_offsets [" + begin + ", " + end + "] end before "
          + "they begin");
    }
    if (end > dataLength) {
      throw new SafetensorsFormatException(file, where + ": data_offsets [" + begin + ", " + end + "] run past the "
          + "end of the data section (" + dataLength + " bytes): the file is truncated or the header is wrong");
    }
    long expected = multiplyOrFail(file, where, numel, dtype.bytes());
    if (end - begin != expected) {
      throw new SafetensorsFormatException(file, where + ": shape " + Arrays.toString(shape) + " of " + dtype
          + " needs " + expected + " bytes but data_offsets [" + begin + ", " + end + "] hold " + (end - begin));
    }
    if (numel > Integer.MAX_VALUE - 8) {
      throw new SafetensorsFormatException(file, where + ": " + numel + " elements exceed a Java array");
    }
    return new Entry(name, dtype, shape, begin, end);
  }

  private static DType readDType(Path file, String where, JsonNode node) throws SafetensorsFormatException {
    String name = node.isTextual() ? node.textValue() : String.valueOf(node);
    for (DType d : DType.values()) {
      if (d.name().equals(name)) return d;
    }
    if (DType.UNSUPPORTED.contains(name)) {
      throw new SafetensorsFormatException(file, where + ": dtype " + name + " is not supported; jfastai reads "
          + Arrays.toString(DType.values()) + " (convert the tensor to float32 before saving)");
    }
    throw new SafetensorsFormatException(file, where + ": unknown dtype " + name);
  }

  /** Sorted by offset, the tensors must cover [0, dataLength) exactly: no overlap, no gap, nothing left over. */
  private static void checkTiling(Path file, List<Entry> entries, long dataLength) throws SafetensorsFormatException {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long pos = 0;
    String previous = null;
    for (Entry e : sorted) {
      if (e.begin() < pos) {
        throw new SafetensorsFormatException(file, "tensor '" + e.name() + "' at bytes [" + e.begin() + ", "
            + e.end() + ") overlaps tensor '" + previous + "' ending at " + pos);
      }
      if (e.begin() > pos) {
        throw new SafetensorsFormatException(file, "gap of " + (e.begin() - pos) + " bytes before tensor '"
            + e.name() + "' at byte " + e.begin() + (previous == null ? "" : " (after tensor '" + previous + "')"));
      }
      pos = e.end();
      previous = e.name();
    }
    if (pos != dataLength) {
      throw new SafetensorsFormatException(file, (dataLength - pos) + " bytes after the last tensor are not "
          + "described by the header");
    }
  }

  private static boolean isOffset(JsonNode n) {
    return n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0;
  }

  private static long multiplyOrFail(Path file, String where, long a, long b) throws SafetensorsFormatException {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      throw new SafetensorsFormatException(file, where + ": size overflows a 64-bit byte count");
    }
  }
}
