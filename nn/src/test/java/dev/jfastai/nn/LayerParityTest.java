package dev.jfastai.nn;

import static dev.jfastai.nn.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Pool2dOptions;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Layers loaded with PyTorch's weights give PyTorch's outputs, gradients, state-dict keys and repr; the
 * convolutional layers and BatchNorm also its running statistics, in train and eval mode (make_cnn_fixtures.py).
 */
class LayerParityTest {
  // Holds at 1e-6 today; 1e-5 leaves room for a different matmul summation order in tensor-core's kernels.
  private static final double TOL = 1e-5;

  private static final Map<String, Supplier<Module>> MODELS = Map.of(
      "linear", () -> new Linear(5, 3, new Generator(1)),
      "linear_no_bias", () -> Linear.builder(5, 3).bias(false).generator(new Generator(1)).build(),
      "linear_3d_input", () -> new Linear(5, 3, new Generator(1)),
      "mlp", () -> new Sequential(new Linear(6, 5), new ReLU(), new Linear(5, 4), new Tanh(), new Linear(4, 2),
          new Sigmoid()),
      "flatten_linear", () -> new Sequential(new Flatten(), new Linear(12, 2)),
      "nested", () -> new Sequential(new Linear(3, 4), new Sequential(new ReLU(), new Linear(4, 2))));

  /** The convolutional layers of make_cnn_fixtures.py's cnn_layers.json. */
  private static final Map<String, Supplier<Module>> CNN_MODELS = Map.ofEntries(
      Map.entry("conv_default", () -> Conv2d.builder(3, 4, 3).generator(new Generator(1)).build()),
      Map.entry("conv_stride2_pad1", () -> Conv2d.builder(1, 4, 3).stride(2).padding(1).build()),
      Map.entry("conv_ks5_no_bias", () -> Conv2d.builder(2, 3, 5).stride(2).padding(2).bias(false).build()),
      Map.entry("conv_groups_dilation", () -> Conv2d.builder(4, 6, 3, 2).stride(1, 2).padding(2, 1).dilation(2, 1)
          .groups(2).build()),
      Map.entry("bn2d_train", () -> new BatchNorm2d(3)),
      Map.entry("bn2d_eval", () -> new BatchNorm2d(3)),
      Map.entry("bn2d_no_affine", () -> BatchNorm2d.builder(3).affine(false).build()),
      Map.entry("bn2d_no_tracking_eval", () -> BatchNorm2d.builder(3).trackRunningStats(false).build()),
      Map.entry("bn1d_train_2d", () -> new BatchNorm1d(5)),
      Map.entry("bn1d_train_3d", () -> BatchNorm1d.builder(4).eps(1e-3).momentum(0.3).build()),
      Map.entry("bn1d_eval", () -> new BatchNorm1d(4)),
      Map.entry("maxpool2", () -> new MaxPool2d(2)),
      Map.entry("maxpool3_stride2_pad1", () -> new MaxPool2d(Pool2dOptions.builder(3).stride(2).padding(1).build())),
      Map.entry("avgpool2", () -> new AvgPool2d(2)),
      Map.entry("avgpool3_pad1_exclude", () -> new AvgPool2d(Pool2dOptions.builder(3).stride(1).padding(1)
          .countIncludePad(false).build())),
      Map.entry("adaptive1", () -> new AdaptiveAvgPool2d(1)),
      Map.entry("adaptive2x3", () -> new AdaptiveAvgPool2d(2, 3)));

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String file : List.of("layers.json", "cnn_layers.json")) {
      Fixtures.json(file).get("cases").forEach(c -> out.add(Arguments.of(c.get("name").asText(), c)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesPyTorch(String name, JsonNode c) {
    Module model = (MODELS.containsKey(name) ? MODELS : CNN_MODELS).get(name).get();
    assertEquals(c.get("repr").asText(), model.toString(), "repr");
    Map<String, Tensor> state = Fixtures.tensors(c.get("state"));
    assertEquals(List.copyOf(state.keySet()), List.copyOf(model.stateDict().keySet()), "state-dict keys");
    model.loadStateDict(state);
    if (c.has("mode") && c.get("mode").asText().equals("eval")) model.eval();
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
    assertClose(c.get("inputGrad"), x.grad().orElseThrow(), tol, tol, name + " input grad");
    Map<String, Tensor> params = model.namedParameters();
    assertEquals(List.copyOf(Fixtures.tensors(c.get("paramGrads")).keySet()), List.copyOf(params.keySet()));
    c.get("paramGrads").properties().forEach(e ->
        assertClose(e.getValue(), params.get(e.getKey()).grad().orElseThrow(), tol, tol,
            name + " grad of " + e.getKey()));
  }
}
