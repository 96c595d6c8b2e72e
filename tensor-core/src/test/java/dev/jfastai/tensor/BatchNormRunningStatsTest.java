package dev.jfastai.tensor;

import static dev.jfastai.tensor.TensorAssert.FLOOR;
import static dev.jfastai.tensor.TensorAssert.RTOL;
import static dev.jfastai.tensor.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jfastai.tensor.TensorFixtures.OpCase;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * batchNorm's in-place update of the running mean and (unbiased) variance against PyTorch's, for every training
 * case of conv_ops.json; evaluation leaves them untouched. The outputs and gradients are in TensorParityTest.
 */
class BatchNormRunningStatsTest {
  static Stream<OpCase> cases() {
    return TensorFixtures.opCases().stream().filter(c -> c.op().equals("batch_norm"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void runningStatsAreUpdatedAsPyTorchDoesInTrainingOnly(OpCase c) {
    List<Tensor> x = c.inputTensors();
    Tensor mean = x.get(1);
    Tensor variance = x.get(2);
    JsonNode a = c.args();
    boolean training = a.get("training").asBoolean();
    Tensor out = x.size() == 5
        ? NnFunctional.batchNorm(x.get(0), mean, variance, x.get(3), x.get(4), BatchNormOptions.builder()
            .training(training).momentum(a.get("momentum").asDouble()).eps(a.get("eps").asDouble()).build())
        : NnFunctional.batchNorm(x.get(0), mean, variance, BatchNormOptions.builder().training(training).build());
    assertClose(c.name() + " output", c.output(), out, RTOL, FLOOR);
    assertFalse(mean.requiresGrad() || variance.requiresGrad(), "the running stats stay buffers");
    if (training) {
      JsonNode want = TensorFixtures.read(TensorFixtures.CONV_RESOURCE).get("runningStats").get(c.name());
      assertClose(c.name() + " running mean", TensorFixtures.tensor(want.get("mean")), mean, RTOL, FLOOR);
      assertClose(c.name() + " running var", TensorFixtures.tensor(want.get("var")), variance, RTOL, FLOOR);
    } else {
      assertArrayEquals(c.inputs().get(1).data(), mean.toFloatArray(), "evaluation must not touch the running mean");
      assertArrayEquals(c.inputs().get(2).data(), variance.toFloatArray(), "evaluation must not touch the running var");
    }
  }

  @Test
  void trainingWithOneValuePerChannelIsRejectedAsInPyTorch() {
    Tensor x = Tensor.ones(1, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NnFunctional.batchNorm(x, Tensor.zeros(3), Tensor.ones(3), BatchNormOptions.training()));
    assertTrue(e.getMessage().contains("more than one value per channel"), e.getMessage());
  }

  @Test
  void aMisShapedRunningStatIsRejectedNamingTheShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NnFunctional.batchNorm(Tensor.ones(4, 3, 2, 2), Tensor.zeros(4), Tensor.ones(3),
            BatchNormOptions.training()));
    assertEquals("batchNorm: running mean must be [C] = [3] for input [4, 3, 2, 2], got [4]", e.getMessage());
  }

  @Test
  void anEmptyBatchInEvaluationGivesAnEmptyOutput() {
    Tensor y = NnFunctional.batchNorm(Tensor.zeros(0, 3, 2, 2), Tensor.zeros(3), Tensor.ones(3),
        BatchNormOptions.evaluation());
    assertArrayEquals(new int[] {0, 3, 2, 2}, y.shape());
  }

  @Test
  void optionsRejectBadValuesNamingThemAndDefaultToPyTorchs() {
    assertEquals("BatchNormOptions: momentum must be in [0, 1], got 1.5",
        assertThrows(IllegalArgumentException.class, () -> BatchNormOptions.builder().momentum(1.5)).getMessage());
    assertEquals("BatchNormOptions: eps must be >= 0 and finite, got -1.0E-5",
        assertThrows(IllegalArgumentException.class, () -> BatchNormOptions.builder().eps(-1e-5)).getMessage());
    assertEquals(0.0, BatchNormOptions.builder().eps(0).build().eps(), "eps 0 is allowed, as by BatchNorm1d/2d");
    BatchNormOptions defaults = BatchNormOptions.builder().build();
    assertFalse(defaults.isTraining(), "F.batch_norm's training defaults to False");
    assertEquals(0.1, defaults.momentum());
    assertEquals(1e-5, defaults.eps());
    assertTrue(BatchNormOptions.training().isTraining());
  }
}
