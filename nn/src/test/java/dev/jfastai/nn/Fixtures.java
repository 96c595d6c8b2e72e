package dev.jfastai.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jfastai.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the PyTorch fixtures written by src/test/python/make_fixtures.py and compares tensors with them. */
public final class Fixtures {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  /** The parsed JSON fixture {@code fixtures/<name>}. */
  public static JsonNode json(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      assertNotNull(in, "missing fixture " + name + ": run src/test/python/make_fixtures.py");
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path of the binary fixture {@code fixtures/<name>}. */
  public static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fixture tensor {"shape": [...], "data": [...]}. */
  public static Tensor tensor(JsonNode node) {
    int[] shape = new int[node.get("shape").size()];
    for (int i = 0; i < shape.length; i++) shape[i] = node.get("shape").get(i).intValue();
    float[] data = new float[node.get("data").size()];
    for (int i = 0; i < data.length; i++) data[i] = (float) node.get("data").get(i).doubleValue();
    return Tensor.of(data, shape);
  }

  /** Every field of a JSON object of fixture tensors, in order. */
  public static Map<String, Tensor> tensors(JsonNode node) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), tensor(e.getValue())));
    return out;
  }

  /** Asserts same shape and |actual - expected| <= atol + rtol * |expected| element-wise. */
  public static void assertClose(Tensor expected, Tensor actual, double atol, double rtol, String what) {
    assertNotNull(actual, what + ": tensor is null");
    assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
    float[] e = expected.toFloatArray();
    float[] a = actual.toFloatArray();
    for (int i = 0; i < e.length; i++) {
      double diff = Math.abs((double) a[i] - e[i]);
      if (!(diff <= atol + rtol * Math.abs(e[i]))) {
        fail(what + ": element " + i + " is " + a[i] + ", PyTorch has " + e[i] + " (diff " + diff + ")\n  actual "
            + Arrays.toString(a) + "\n  expected " + Arrays.toString(e));
      }
    }
  }

  public static void assertClose(JsonNode expected, Tensor actual, double atol, double rtol, String what) {
    assertClose(tensor(expected), actual, atol, rtol, what);
  }
}
