package dev.jfastai.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jfastai.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON fixtures written by src/test/python/make_fixtures.py. */
public final class Fixtures {
  private Fixtures() {}

  public static JsonNode read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) throw new IllegalStateException("No fixture " + name + ": run src/test/python/make_fixtures.py");
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A nested JSON list of numbers as a tensor of the same shape. */
  public static Tensor tensor(JsonNode nested) {
    List<Integer> shape = new ArrayList<>();
    for (JsonNode n = nested; n.isArray(); n = n.get(0)) shape.add(n.size());
    List<Float> values = new ArrayList<>();
    flatten(nested, values);
    float[] data = new float[values.size()];
    for (int i = 0; i < data.length; i++) data[i] = values.get(i);
    return Tensor.of(data, shape.stream().mapToInt(Integer::intValue).toArray());
  }

  /** A JSON object of nested lists as a state dict. */
  public static Map<String, Tensor> stateDict(JsonNode object) {
    Map<String, Tensor> state = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> state.put(e.getKey(), tensor(e.getValue())));
    return state;
  }

  private static void flatten(JsonNode node, List<Float> out) {
    if (node.isArray()) {
      node.forEach(child -> flatten(child, out));
    } else {
      out.add(node.floatValue());
    }
  }
}
