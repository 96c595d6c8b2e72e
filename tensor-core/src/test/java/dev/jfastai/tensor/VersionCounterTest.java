package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** PyTorch's version counters: backward refuses a saved tensor that an in-place op changed after the forward pass. */
class VersionCounterTest {
  private static final String MODIFIED =
      "one of the variables needed for gradient computation has been modified by an inplace operation: ";

  private static Tensor weight() {
    return Tensor.of(new float[] {0.5f, -1f, 2f, 0.25f, 1.5f, -0.5f}, 2, 3).requiresGrad(true);
  }

  private static Tensor input() {
    return Tensor.of(new float[] {1f, 2f, 3f, -1f, 0.5f, 4f}, 2, 3);
  }

  @Test
  void aWeightUpdatedUnderNoGradBeforeBackwardFailsLikePyTorch() {
    Tensor w = weight();
    Tensor loss = Tensor.linear(input(), w, null).sum();
    try (NoGrad ignored = Tensor.noGrad()) {
      w.subInPlace(Tensor.full(0.1f, 2, 3));
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertEquals(MODIFIED + "[2, 3], saved by Linear, is at version 1; expected version 0 instead. Hint: change "
        + "tensors in place (subInPlace, an optimizer step) only after backward, or let the forward pass use a copy()",
        e.getMessage());
  }

  @Test
  void anInputChangedInPlaceAfterTheOpSavedItFails() {
    Tensor w = weight();
    Tensor x = input();
    Tensor loss = x.mul(w).sum();
    x.subInPlace(Tensor.scalar(1f));
    x.mulInPlace(2f);
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    String expected = MODIFIED + "[2, 3], saved by Mul, is at version 2; expected version 0";
    assertEquals(true, e.getMessage().startsWith(expected), e.getMessage());
  }

  @Test
  void aSavedOutputChangedInPlaceFails() {
    Tensor w = weight();
    Tensor y = w.exp();
    Tensor loss = y.sum();
    try (NoGrad ignored = Tensor.noGrad()) {
      y.fillInPlace(0f);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertEquals(true, e.getMessage().contains("saved by Exp, is at version 1; expected version 0"), e.getMessage());
  }

  @Test
  void aViewSharesTheVersionOfItsStorage() {
    Tensor x = input();
    Tensor row = x.narrow(0, 1, 1);
    Tensor flat = x.reshape(6);
    row.addInPlace(Tensor.scalar(1f));
    assertEquals(1, x.version());
    assertEquals(1, flat.version());
    x.detach().copyFrom(Tensor.zeros(2, 3));
    assertEquals(2, row.version());
    assertEquals(0, x.add(1f).version(), "an op's result is new storage");
  }

  @Test
  void changingATensorThatNoOpSavedIsFine() {
    Tensor w = weight();
    Tensor x = input();
    Tensor loss = x.add(w).sum(); // add keeps only the shapes, as PyTorch's
    x.fillInPlace(7f);
    loss.backward();
    assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, w.grad().orElseThrow().toFloatArray());
  }

  @Test
  void theUsualLoopStepsAfterBackwardAndClearsGradients() {
    Tensor w = weight();
    Tensor x = input();
    for (int step = 0; step < 3; step++) {
      Tensor loss = Tensor.linear(x, w, null).relu().sum();
      loss.backward();
      try (NoGrad ignored = Tensor.noGrad()) {
        w.subInPlace(w.grad().orElseThrow().mul(0.01f));
      }
      w.grad().orElseThrow().fillInPlace(0f); // zeroGrad, PyTorch's way
      w.setGrad(null); // and the chapter's
    }
    assertEquals(3, w.version());
  }

  @Test
  void aRetainedGraphRunAgainAfterAnUpdateFails() {
    Tensor w = weight();
    Tensor loss = Tensor.linear(input(), w, null).sum();
    loss.backward(Tensor.scalar(1f), true);
    try (NoGrad ignored = Tensor.noGrad()) {
      w.subInPlace(w.grad().orElseThrow().mul(0.01f));
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertEquals(true, e.getMessage().contains("is at version 1; expected version 0"), e.getMessage());
  }

  @Test
  void aGradientSavedByAGraphAndThenAccumulatedIntoFails() {
    Tensor w = weight();
    Tensor.linear(input(), w, null).sum().backward();
    Tensor v = weight();
    Tensor uses = w.grad().orElseThrow().mul(v).sum(); // Mul saves the gradient tensor
    Tensor.linear(input(), w, null).sum().backward(); // adds into that same tensor
    IllegalStateException e = assertThrows(IllegalStateException.class, uses::backward);
    assertEquals(true, e.getMessage().contains("saved by Mul, is at version 1; expected version 0"), e.getMessage());
  }

  /** A user-written op saves what it needs the same way, and gets the same check. */
  private static final class Square extends Function {
    private Tensor x;

    @Override
    protected Tensor forward(Tensor... inputs) {
      x = save(inputs[0]);
      return x.mul(x);
    }

    @Override
    protected Tensor[] backward(Tensor gradOutput) {
      return new Tensor[] {gradOutput.mul(x).mul(2f)};
    }
  }

  @Test
  void aUserFunctionSavingItsInputGetsTheCheck() {
    Tensor w = weight();
    Tensor loss = new Square().apply(w).sum();
    try (NoGrad ignored = Tensor.noGrad()) {
      w.mulInPlace(3f);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertEquals(true, e.getMessage().contains("saved by Square, is at version 1"), e.getMessage());
  }
}
