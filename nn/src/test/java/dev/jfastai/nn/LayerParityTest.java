package dev.jfastai.nn;

import static dev.jfastai.nn.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Layers loaded with PyTorch's weights give PyTorch's outputs, gradients, state-dict keys and repr. */
class LayerParityTest {
  // Holds at 1e-6 today; 1e-5 leaves room for a different matmul summation order in tensor-core's kernels.
  private static final double TOL = 1e-5;

  private static final Map<String, Supplier<Module>> MODELS = Map.of(
      "linear", () -> new Linear(5, 3, true, new Generator(1)),
      "linear_no_bias", () -> new Linear(5, 3, false, new Generator(1)),
      "linear_3d_input", () -> new Linear(5, 3, true, new Generator(1)),
      "mlp", () -> new Sequential(new Linear(6, 5), new ReLU(), new Linear(5, 4), new Tanh(), new Linear(4, 2),
          new Sigmoid()),
      "flatten_linear", () -> new Sequential(new Flatten(), new Linear(12, 2)),
      "nested", () -> new Sequential(new Linear(3, 4), new Sequential(new ReLU(), new Linear(4, 2))));

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    Fixtures.json("layers.json").get("cases").forEach(c -> out.add(Arguments.of(c.get("name").asText(), c)));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesPyTorch(String name, JsonNode c) {
    Module model = MODELS.get(name).get();
    assertEquals(c.get("repr").asText(), model.toString(), "repr");
    Map<String, Tensor> state = Fixtures.tensors(c.get("state"));
    assertEquals(List.copyOf(state.keySet()), List.copyOf(model.stateDict().keySet()), "state-dict keys");
    model.loadStateDict(state);

    assertForwardAndBackward(model, c, TOL, name);
  }

  /**
   * Runs the case's input through {@code model} and compares the output, then, after the case's upstream gradient,
   * the input and parameter gradients; a case with {@code stateAfter} also has its state checked after the forward.
   */
  static void assertForwardAndBackward(Module model, JsonNode c, double tol, String name) {
    Tensor x = Fixtures.tensor(c.get("input")).requiresGrad(true);
    Tensor out = model.call(x);
    assertClose(c.get("output"), out, tol, tol, name + " output");
    if (c.has("stateAfter")) {
      Map<String, Tensor> after = model.stateDict();
      c.get("stateAfter").properties().forEach(e ->
          assertClose(e.getValue(), after.get(e.getKey()), tol, tol, name + " state after forward: " + e.getKey()));
    }
    out.mul(Fixtures.tensor(c.get("upstream"))).sum().backward();
    assertClose(c.get("inputGrad"), x.grad(), tol, tol, name + " input grad");
    Map<String, Tensor> params = model.namedParameters();
    assertEquals(List.copyOf(Fixtures.tensors(c.get("paramGrads")).keySet()), List.copyOf(params.keySet()));
    c.get("paramGrads").properties().forEach(e ->
        assertClose(e.getValue(), params.get(e.getKey()).grad(), tol, tol, name + " grad of " + e.getKey()));
  }
}
