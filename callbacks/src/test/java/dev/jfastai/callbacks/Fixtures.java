package dev.jfastai.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the fixtures that src/test/python/make_fixtures.py wrote from PyTorch / fastai's formulas. */
final class Fixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  static JsonNode json(String name) {
    try (InputStream in = open(name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON array of numbers (null for NaN) as doubles. */
  static List<Double> doubles(JsonNode array) {
    List<Double> out = new ArrayList<>();
    for (JsonNode n : array) out.add(n.isNull() ? Double.NaN : n.asDouble());
    return out;
  }

  static double[] doubleArray(JsonNode array) {
    return doubles(array).stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double number(JsonNode n) {
    return n.isNull() ? Double.NaN : n.asDouble();
  }

  private static InputStream open(String name) {
    InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name);
    if (in == null) throw new IllegalStateException("fixture " + name
        + " missing: run src/test/python/make_fixtures.py");
    return in;
  }
}
