package dev.jfastai.tensor;

import static dev.jfastai.tensor.TensorAssert.FLOOR;
import static dev.jfastai.tensor.TensorAssert.RTOL;
import static dev.jfastai.tensor.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.tensor.TensorFixtures.FixtureTensor;
import dev.jfastai.tensor.TensorFixtures.OpCase;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op's forward values and input gradients (for loss = sum(out * w)) against PyTorch's, from
 * tensor_ops.json. Tolerance: see {@link TensorAssert}.
 */
class TensorParityTest {
  static Stream<OpCase> cases() {
    return TensorFixtures.opCases().stream();
  }

  static Stream<OpCase> differentiableCases() {
    return cases().filter(OpCase::differentiable);
  }

  @Test
  void catalogAndFixturesNameTheSameOps() {
    Set<String> inFixtures = cases().map(OpCase::op).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(OpCatalog.names()), inFixtures,
        "every catalog op needs fixture cases and every fixture op a catalog entry");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void forwardMatchesPyTorch(OpCase c) {
    List<Tensor> inputs = c.inputTensors();
    Tensor out = OpCatalog.run(c, inputs);
    assertClose(c.name() + " forward", c.output(), out, RTOL, FLOOR);
    assertInputsUntouched(c, inputs);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("differentiableCases")
  void gradientsMatchPyTorch(OpCase c) {
    List<Tensor> inputs = c.inputTensors();
    Tensor out = OpCatalog.run(c, inputs);
    assertTrue(out.requiresGrad(), c.name() + ": output of inputs that require grad must require grad");
    out.backward(c.weight().toTensor()); // = d sum(out * w) / d inputs
    for (int i = 0; i < inputs.size(); i++) {
      FixtureTensor want = c.grads().get(i);
      String what = c.name() + " grad of input " + i + " " + c.inputs().get(i);
      if (want == null) {
        assertNull(inputs.get(i).grad(), what + ": an input that does not require grad must get no grad");
      } else {
        assertClose(what, want, inputs.get(i).grad(), RTOL, FLOOR);
      }
    }
    assertInputsUntouched(c, inputs);
  }

  /** Ops and their backward must not write into their inputs (views share storage). */
  private static void assertInputsUntouched(OpCase c, List<Tensor> inputs) {
    for (int i = 0; i < inputs.size(); i++) {
      assertArrayEquals(c.inputs().get(i).data(), inputs.get(i).toFloatArray(),
          c.name() + ": input " + i + " was modified by the op");
    }
  }
}
