package dev.jfastai.tensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Reads the PyTorch golden values that src/test/python/gen_tensor_fixtures.py writes. */
final class TensorFixtures {
  static final String OPS_RESOURCE = "/fixtures/tensor_ops.json";
  static final String CHAPTER_RESOURCE = "/fixtures/chapter_step.json";
  /** The CNN ops' cases, written by gen_conv_fixtures.py in the same format. */
  static final String CONV_RESOURCE = "/fixtures/conv_ops.json";

  private static List<OpCase> opCases;

  private TensorFixtures() {}

  /** A tensor as stored in a fixture; {@code domain} names the distribution its values were drawn from. */
  record FixtureTensor(int[] shape, float[] data, boolean requiresGrad, String domain) {
    /** A fresh tensor holding this data, requiring grad as the fixture says. */
    Tensor toTensor() {
      return newTensor(data, shape).requiresGrad(requiresGrad);
    }

    @Override
    public String toString() {
      return Arrays.toString(shape);
    }
  }

  /** One op applied to inputs, its output, the weight w of loss = sum(out * w), and d loss / d input. */
  record OpCase(String name, String op, JsonNode args, List<FixtureTensor> inputs, FixtureTensor output,
      FixtureTensor weight, List<FixtureTensor> grads) {
    boolean differentiable() {
      return grads.stream().anyMatch(Objects::nonNull);
    }

    List<Tensor> inputTensors() {
      return inputs.stream().map(FixtureTensor::toTensor).toList();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A tensor of the given data and shape; rank 0 goes through {@link Tensor#scalar(float)}. */
  static Tensor newTensor(float[] data, int[] shape) {
    return shape.length == 0 ? Tensor.scalar(data[0]) : Tensor.of(data, shape);
  }

  static synchronized List<OpCase> opCases() {
    if (opCases == null) {
      List<OpCase> cases = new ArrayList<>();
      for (String resource : List.of(OPS_RESOURCE, CONV_RESOURCE)) {
        for (JsonNode c : read(resource).get("cases")) cases.add(opCase(c));
      }
      opCases = List.copyOf(cases);
    }
    return opCases;
  }

  static JsonNode chapter() {
    return read(CHAPTER_RESOURCE);
  }

  static FixtureTensor tensor(JsonNode node) {
    if (node == null || node.isNull()) return null;
    int[] shape = new int[node.get("shape").size()];
    for (int i = 0; i < shape.length; i++) shape[i] = node.get("shape").get(i).asInt();
    JsonNode data = node.get("data");
    float[] values = new float[data.size()];
    for (int i = 0; i < values.length; i++) values[i] = (float) data.get(i).asDouble();
    boolean requiresGrad = node.path("requiresGrad").asBoolean(false);
    return new FixtureTensor(shape, values, requiresGrad, node.path("domain").asText(null));
  }

  private static OpCase opCase(JsonNode c) {
    List<FixtureTensor> inputs = new ArrayList<>();
    for (JsonNode in : c.get("inputs")) inputs.add(tensor(in));
    List<FixtureTensor> grads = new ArrayList<>();
    for (JsonNode g : c.get("grads")) grads.add(tensor(g)); // null entries: no gradient expected
    return new OpCase(c.get("name").asText(), c.get("op").asText(), c.get("args"), List.copyOf(inputs),
        tensor(c.get("output")), tensor(c.get("weight")), grads);
  }

  static JsonNode read(String resource) {
    try (InputStream in = TensorFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("fixture " + resource + " is missing from the test class path: run "
            + "/usr/bin/python3 tensor-core/src/test/python/gen_tensor_fixtures.py (or gen_conv_fixtures.py)");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + resource, e);
    }
  }
}
