package dev.jfastai.nn;

import static dev.jfastai.nn.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Loss values and gradients, and (log-)softmax along every dim, against PyTorch, including huge logits. */
class LossParityTest {
  private static final double TOL = 1e-6;

  private static final Map<String, LossFunction> LOSSES = Map.of(
      "mnist_loss", Losses::mnistLoss,
      "mse", Losses::mse,
      "l1", Losses::l1,
      "bce_with_logits", Losses::bceWithLogits,
      "bce_with_logits_2d", Losses::bceWithLogits,
      "cross_entropy", Losses::crossEntropy,
      "nll", Losses::nll);

  static Stream<Arguments> losses() {
    return named(Fixtures.json("losses.json").get("losses"));
  }

  static Stream<Arguments> ops() {
    return named(Fixtures.json("losses.json").get("ops"));
  }

  private static Stream<Arguments> named(JsonNode cases) {
    List<Arguments> out = new ArrayList<>();
    cases.forEach(c -> out.add(Arguments.of(c.get("name").asText() + (c.has("dim") ? " dim " + c.get("dim") : ""), c)));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("losses")
  void lossMatchesPyTorch(String name, JsonNode c) {
    Tensor pred = Fixtures.tensor(c.get("pred")).requiresGrad(true);
    Tensor value = LOSSES.get(name).compute(pred, Fixtures.tensor(c.get("target")));
    assertClose(c.get("value"), value, TOL, TOL, name + " value");
    value.backward();
    assertClose(c.get("predGrad"), pred.grad().orElseThrow(), TOL, TOL, name + " grad");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ops")
  void softmaxOpsMatchPyTorch(String name, JsonNode c) {
    int dim = c.get("dim").intValue();
    Tensor x = Fixtures.tensor(c.get("input")).requiresGrad(true);
    Tensor out = name.startsWith("log_softmax") ? Losses.logSoftmax(x, dim) : Losses.softmax(x, dim);
    assertClose(c.get("output"), out, TOL, TOL, name + " output");
    out.mul(Fixtures.tensor(c.get("upstream"))).sum().backward();
    assertClose(c.get("inputGrad"), x.grad().orElseThrow(), TOL, TOL, name + " grad");
  }

  @Test
  void elementwiseLossesRejectMismatchedShapesInsteadOfBroadcasting() {
    Tensor pred = Tensor.zeros(4, 1);
    Tensor target = Tensor.zeros(4);
    for (LossFunction loss : List.<LossFunction>of(Losses::mse, Losses::l1, Losses::mnistLoss, Losses::bceWithLogits)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.compute(pred, target));
      assertTrue(e.getMessage().contains("[4, 1]") && e.getMessage().contains("[4]"), e.getMessage());
    }
  }

  @Test
  void classificationLossesValidateTargets() {
    Tensor logits = Tensor.zeros(2, 3);
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> Losses.crossEntropy(logits, Tensor.of(new float[] {0, 3}, 2)));
    assertTrue(bad.getMessage().contains("target[1] = 3.0"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Losses.nll(logits, Tensor.of(new float[] {0.5f, 1}, 2)));
    assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(logits, Tensor.zeros(2, 1)));
    assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(Tensor.zeros(3), Tensor.zeros(3)));
  }

  @Test
  void softmaxRowsSumToOneAndRejectBadDims() {
    Tensor p = Losses.softmax(Tensor.of(new float[] {1, 2, 3, 1000, 1000, -1000}, 2, 3), 1);
    float[] v = p.toFloatArray();
    assertEquals(1.0, v[0] + v[1] + v[2], 1e-6);
    assertEquals(0.5, v[3], 1e-6);
    assertEquals(0.0, v[5], 0.0);
    assertThrows(IllegalArgumentException.class, () -> Losses.logSoftmax(Tensor.zeros(2, 3), 2));
  }
}
