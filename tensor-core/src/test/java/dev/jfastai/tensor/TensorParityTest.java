package dev.jfastai.tensor;

import static dev.jfastai.tensor.TensorAssert.FLOOR;
import static dev.jfastai.tensor.TensorAssert.RTOL;
import static dev.jfastai.tensor.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertTrue(inputs.get(i).grad().isEmpty(), what + ": an input that does not require grad must get no grad");
      } else {
        assertClose(what, want, inputs.get(i).grad().orElseThrow(), RTOL, FLOOR);
      }
    }
    assertInputsUntouched(c, inputs);
  }

  /**
   * The same cases with every input (rank >= 1) living inside a larger array at a non-zero offset, as a batch
   * cut with {@code narrow(0, ...)} does, with NaN on both sides: kernels must honour {@code arrayOffset()} and
   * stay inside their range.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void inputsAtAnOffsetInSharedStorageGiveTheSameResults(OpCase c) {
    List<Tensor> inputs = c.inputs().stream().map(TensorParityTest::atOffset).toList();
    Tensor out = OpCatalog.run(c, inputs);
    assertClose(c.name() + " forward, inputs at an offset", c.output(), out, RTOL, FLOOR);
    if (c.differentiable()) {
      out.backward(c.weight().toTensor());
      for (int i = 0; i < inputs.size(); i++) {
        FixtureTensor want = c.grads().get(i);
        if (want != null) {
          assertClose(c.name() + " grad of input " + i + " at an offset", want, inputs.get(i).grad().orElseThrow(),
              RTOL, FLOOR);
        }
      }
    }
    assertInputsUntouched(c, inputs);
    for (Tensor in : inputs) {
      float[] storage = in.array();
      for (int k = 0; k < in.arrayOffset(); k++) assertTrue(Float.isNaN(storage[k]), c.name()
          + ": wrote before its input");
      for (int k = in.arrayOffset() + in.numel(); k < storage.length; k++) {
        assertTrue(Float.isNaN(storage[k]), c.name() + ": wrote past its input");
      }
    }
  }

  /** A leaf with the fixture's values and shape, rows 1..n of a NaN-padded [n + 2, ...] tensor's storage. */
  private static Tensor atOffset(FixtureTensor f) {
    int[] shape = f.shape();
    if (shape.length == 0 || shape[0] == 0) return f.toTensor();
    int row = f.data().length / shape[0];
    float[] padded = new float[f.data().length + 2 * row];
    java.util.Arrays.fill(padded, Float.NaN);
    System.arraycopy(f.data(), 0, padded, row, f.data().length);
    int[] paddedShape = shape.clone();
    paddedShape[0] += 2;
    Tensor t = Tensor.of(padded, paddedShape).narrow(0, 1, shape[0]).detach().requiresGrad(f.requiresGrad());
    assertEquals(row, t.arrayOffset(), "narrow(0, ...) and detach() share storage");
    return t;
  }

  /** Ops and their backward must not write into their inputs (views share storage). */
  private static void assertInputsUntouched(OpCase c, List<Tensor> inputs) {
    for (int i = 0; i < inputs.size(); i++) {
      assertArrayEquals(c.inputs().get(i).data(), inputs.get(i).toFloatArray(),
          c.name() + ": input " + i + " was modified by the op");
    }
  }
}
