package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** PyTorch's autograd rules: accumulation, detach, noGrad scopes, in-place updates, freed graphs, errors. */
class AutogradSemanticsTest {
  private static final float[] DATA = {1.5f, -2f, 0.25f, 3f, -0.5f, 2f};

  private static Tensor leaf() {
    return Tensor.of(DATA, 2, 3).requiresGrad(true);
  }

  /** d sum(x * x) / dx = 2x: the backward of x used twice in one op sums both contributions. */
  @Test
  void gradientOfATensorUsedTwiceSumsBothPaths() {
    Tensor x = leaf();
    x.mul(x).sum().backward();
    assertArrayEquals(x.mul(2f).toFloatArray(), x.grad().orElseThrow().toFloatArray());
  }

  @Test
  void gradientsAccumulateAcrossBackwardCalls() {
    Tensor x = leaf();
    x.mul(x).sum().backward();
    float[] once = x.grad().orElseThrow().toFloatArray();
    x.mul(x).sum().backward(); // a fresh graph, same leaf: PyTorch adds into .grad
    float[] twice = x.grad().orElseThrow().toFloatArray();
    for (int i = 0; i < once.length; i++) assertTrue(twice[i] == 2 * once[i], "element " + i + " did not accumulate");
  }

  /**
   * A linear layer's gradients are new arrays that its leaves take without a copy: the taken grad must stay apart
   * from everything else, so a second backward adds into it and changing it touches nothing else.
   */
  @Test
  void leavesTakeFreshLinearGradientsWithoutSharingThem() {
    Tensor x = Tensor.of(new float[] {1f, -2f, 3f, 0.5f, 4f, -1f}, 2, 3);
    Tensor w = Tensor.of(new float[] {0.1f, 0.2f, -0.3f, 0.4f, 0.5f, 0.6f}, 2, 3).requiresGrad(true);
    Tensor b = Tensor.of(new float[] {0.25f, -0.5f}, 2).requiresGrad(true);
    Tensor.linear(x, w, b).sum().backward();
    float[] once = w.grad().orElseThrow().toFloatArray();
    float[] biasOnce = b.grad().orElseThrow().toFloatArray();
    Tensor.linear(x, w, b).sum().backward();
    float[] twice = w.grad().orElseThrow().toFloatArray();
    for (int i = 0; i < once.length; i++) assertTrue(twice[i] == 2 * once[i], "weight element " + i);
    assertArrayEquals(new float[] {2 * biasOnce[0], 2 * biasOnce[1]}, b.grad().orElseThrow().toFloatArray());
    try (NoGrad ignored = Tensor.noGrad()) {
      w.grad().orElseThrow().mulInPlace(0f);
    }
    assertArrayEquals(new float[] {2 * biasOnce[0], 2 * biasOnce[1]}, b.grad().orElseThrow().toFloatArray());
    assertArrayEquals(new float[] {1f, -2f, 3f, 0.5f, 4f, -1f}, x.toFloatArray());
  }

  @Test
  void gradIsEmptyUntilBackwardAndSetGradNullClearsIt() {
    Tensor x = leaf();
    assertTrue(x.grad().isEmpty(), "PyTorch's .grad is None before backward");
    assertTrue(x.gradFn().isEmpty(), "a leaf has no gradFn");
    Tensor sum = x.sum();
    assertTrue(sum.gradFn().isPresent(), "an op's output records the op");
    sum.backward();
    assertTrue(x.grad().isPresent());
    assertTrue(sum.grad().isEmpty(), "only leaves keep a gradient");
    x.setGrad(null); // the chapter's zero_grad: q.grad = None
    assertTrue(x.grad().isEmpty());
    x.sum().backward();
    assertArrayEquals(Tensor.onesLike(x).toFloatArray(), x.grad().orElseThrow().toFloatArray(),
        "a cleared grad starts afresh");
  }

  @Test
  void backwardWithGradientEqualsBackwardOfWeightedSum() {
    Tensor w = Tensor.of(new float[] {0.5f, -1f, 2f, 0.25f, 3f, -2f}, 2, 3);
    Tensor a = leaf();
    a.exp().backward(w);
    Tensor b = leaf();
    b.exp().mul(w).sum().backward();
    assertArrayEquals(b.grad().orElseThrow().toFloatArray(), a.grad().orElseThrow().toFloatArray());
  }

  @Test
  void leavesAndResults() {
    Tensor x = leaf();
    Tensor y = x.mul(2f);
    assertTrue(x.isLeaf());
    assertFalse(y.isLeaf());
    assertTrue(y.requiresGrad());
    assertTrue(Tensor.zeros(2).isLeaf(), "a tensor made without grad is a leaf");
    assertFalse(Tensor.zeros(2).add(Tensor.ones(2)).requiresGrad(), "no input requires grad: neither does the result");
    assertTrue(Tensor.zeros(2, 3).add(x).requiresGrad(), "one input requiring grad is enough");
    assertThrows(RuntimeException.class, () -> y.requiresGrad(true), "requiresGrad(boolean) is for leaves only");
  }

  /** Saturated sigmoid and tanh: values 0/+-1 and gradients ~0, never NaN (a naive formula gives inf/inf). */
  @Test
  void saturatedSigmoidAndTanhStayFinite() {
    float[] big = {-100f, -60f, 60f, 100f};
    for (String op : new String[] {"sigmoid", "tanh"}) {
      Tensor x = Tensor.of(big, 4).requiresGrad(true);
      Tensor y = op.equals("sigmoid") ? x.sigmoid() : x.tanh();
      y.sum().backward();
      for (int i = 0; i < big.length; i++) {
        float want = op.equals("sigmoid") ? (big[i] > 0 ? 1f : 0f) : Math.signum(big[i]);
        assertTrue(Math.abs(y.toFloatArray()[i] - want) < 1e-6f, op + "(" + big[i] + ") = " + y.toFloatArray()[i]);
        float g = x.grad().orElseThrow().toFloatArray()[i];
        assertTrue(g >= 0f && g < 1e-6f, op + "'(" + big[i] + ") = " + g);
      }
    }
  }

  @Test
  void comparisonsAndArgmaxDoNotRequireGrad() {
    Tensor x = leaf();
    assertFalse(x.gt(0f).requiresGrad());
    assertFalse(x.eq(x).requiresGrad());
    assertFalse(x.argmax(1).requiresGrad());
  }

  @Test
  void detachStopsGradientsAndSharesStorage() {
    Tensor x = leaf();
    Tensor d = x.detach();
    assertFalse(d.requiresGrad());
    assertSame(x.array(), d.array(), "detach shares storage");
    assertTrue(x.arrayOffset() == d.arrayOffset());
    x.mul(d).sum().backward(); // d is a constant: d (x * d) / dx = d, not 2x
    assertArrayEquals(DATA, x.grad().orElseThrow().toFloatArray());
  }

  @Test
  void copyIsDeepAndWithoutGrad() {
    Tensor x = leaf();
    Tensor c = x.copy();
    assertFalse(c.requiresGrad());
    assertArrayEquals(DATA, c.toFloatArray());
    try (NoGrad ignored = Tensor.noGrad()) {
      x.fillInPlace(7f);
    }
    assertArrayEquals(DATA, c.toFloatArray(), "the copy must not see writes to the original");
  }

  @Test
  void noGradScopesNestAndRecordNoGraph() {
    Tensor x = leaf();
    assertTrue(Tensor.isGradEnabled());
    try (NoGrad outer = Tensor.noGrad()) {
      assertFalse(Tensor.isGradEnabled());
      try (NoGrad inner = Tensor.noGrad()) {
        assertFalse(Tensor.isGradEnabled());
      }
      assertFalse(Tensor.isGradEnabled(), "closing the inner scope must not re-enable grad inside the outer");
      Tensor y = x.mul(x).sum();
      assertFalse(y.requiresGrad(), "no graph is recorded under noGrad");
    }
    assertTrue(Tensor.isGradEnabled());
    assertTrue(x.mul(x).requiresGrad(), "recording resumes after the scope");
  }

  @Test
  void noGradScopeEndsEvenWhenItsBodyThrows() {
    assertThrows(IllegalStateException.class, () -> {
      try (NoGrad ignored = Tensor.noGrad()) {
        throw new IllegalStateException("boom");
      }
    });
    assertTrue(Tensor.isGradEnabled());
  }

  @Test
  void gradModeIsPerThread() throws InterruptedException {
    boolean[] seenByOtherThread = new boolean[1];
    try (NoGrad ignored = Tensor.noGrad()) {
      Thread other = new Thread(() -> seenByOtherThread[0] = Tensor.isGradEnabled());
      other.start();
      other.join();
    }
    assertTrue(seenByOtherThread[0], "a noGrad scope on one thread must not switch off recording on another");
  }

  @Test
  void backwardOfAResultComputedUnderNoGradFails() {
    Tensor x = leaf();
    Tensor y;
    try (NoGrad ignored = Tensor.noGrad()) {
      y = x.mul(x).sum();
    }
    Tensor result = y;
    RuntimeException e = assertThrows(RuntimeException.class, result::backward);
    assertMessageMentions(e, "grad");
  }

  @Test
  void backwardThroughATensorThatDoesNotRequireGradFailsClearly() {
    Tensor y = Tensor.of(DATA, 2, 3).mul(2f).sum();
    RuntimeException e = assertThrows(RuntimeException.class, y::backward);
    assertMessageMentions(e, "grad");
  }

  @Test
  void backwardOnANonScalarNamesTheShape() {
    Tensor y = leaf().mul(2f);
    RuntimeException e = assertThrows(RuntimeException.class, y::backward);
    assertMessageMentions(e, "[2, 3]");
  }

  @Test
  void secondBackwardThroughAFreedGraphFails() {
    Tensor x = leaf();
    Tensor loss = x.mul(x).sum();
    loss.backward();
    RuntimeException e = assertThrows(RuntimeException.class, loss::backward);
    assertMessageMentions(e, "freed");
  }

  @Test
  void backwardThroughASubgraphFreedByAnotherRootFails() {
    Tensor x = leaf();
    Tensor h = x.exp();
    Tensor a = h.sum();
    Tensor b = h.mean();
    a.backward();
    RuntimeException e = assertThrows(RuntimeException.class, b::backward, "h's graph was freed by a.backward()");
    assertMessageMentions(e, "freed");
  }

  @Test
  void backwardThroughADeepChainDoesNotOverflowTheStack() {
    Tensor x = Tensor.scalar(1f).requiresGrad(true);
    Tensor y = x;
    for (int i = 0; i < 100_000; i++) y = y.add(0f);
    y.backward();
    float grad = x.grad().orElseThrow().item();
    assertTrue(grad == 1f, "d (x + 0 + ... + 0) / dx = 1, got " + grad);
  }

  @Test
  void backwardWithAGradientOfTheWrongShapeNamesBothShapes() {
    Tensor y = leaf().mul(2f);
    RuntimeException e = assertThrows(RuntimeException.class, () -> y.backward(Tensor.ones(3, 2)));
    assertMessageMentions(e, "[2, 3]");
    assertMessageMentions(e, "[3, 2]");
  }

  @Test
  void retainGraphAllowsASecondBackwardThatAccumulates() {
    Tensor x = leaf();
    Tensor loss = x.mul(x).sum();
    loss.backward(Tensor.scalar(1f), true);
    float[] once = x.grad().orElseThrow().toFloatArray();
    assertDoesNotThrow(() -> loss.backward());
    float[] twice = x.grad().orElseThrow().toFloatArray();
    for (int i = 0; i < once.length; i++) assertTrue(twice[i] == 2 * once[i], "element " + i + " did not accumulate");
    assertThrows(RuntimeException.class, loss::backward, "the second backward did not retain the graph");
  }

  @Test
  void inPlaceUpdateOfARequiresGradLeafFailsOutsideNoGrad() {
    Tensor p = leaf();
    Tensor step = Tensor.full(0.5f, 2, 3);
    assertInPlaceRefused(p, t -> t.subInPlace(step), "subInPlace");
    assertInPlaceRefused(p, t -> t.addInPlace(step), "addInPlace");
    assertInPlaceRefused(p, t -> t.addInPlace(step, -0.1f), "addInPlace");
    assertInPlaceRefused(p, t -> t.mulInPlace(0.5f), "mulInPlace");
    assertInPlaceRefused(p, t -> t.fillInPlace(0f), "fillInPlace");
    assertInPlaceRefused(p, t -> t.copyFrom(step), "copyFrom");
  }

  private static void assertInPlaceRefused(Tensor p, Consumer<Tensor> update, String op) {
    RuntimeException e = assertThrows(RuntimeException.class, () -> update.accept(p), op + " outside noGrad");
    assertMessageMentions(e, op);
    assertArrayEquals(DATA, p.toFloatArray(), op + " must not change the data when it refuses");
  }

  /** The chapter's optimizer step: {@code p -= p.grad * lr} inside noGrad keeps p a trainable leaf. */
  @Test
  void inPlaceSgdStepWorksInsideNoGrad() {
    Tensor p = leaf();
    p.mul(p).sum().backward();
    float[] grad = p.grad().orElseThrow().toFloatArray();
    float lr = 0.1f;
    try (NoGrad ignored = Tensor.noGrad()) {
      p.subInPlace(p.grad().orElseThrow().mul(lr));
    }
    float[] got = p.toFloatArray();
    for (int i = 0; i < DATA.length; i++) assertTrue(got[i] == DATA[i] - grad[i] * lr, "element " + i);
    assertTrue(p.isLeaf() && p.requiresGrad(), "p stays a trainable leaf");
    p.setGrad(null);
    p.sum().backward();
    assertArrayEquals(Tensor.onesLike(p).toFloatArray(), p.grad().orElseThrow().toFloatArray(),
        "p still trains after the step");
  }

  @Test
  void otherInPlaceUpdatesInsideNoGrad() {
    Tensor p = leaf();
    Tensor other = Tensor.of(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 2, 3);
    try (NoGrad ignored = Tensor.noGrad()) {
      p.addInPlace(other, -0.5f);
      float[] want = new float[DATA.length];
      for (int i = 0; i < want.length; i++) want[i] = DATA[i] + -0.5f * other.toFloatArray()[i];
      assertArrayEquals(want, p.toFloatArray(), 1e-6f, "addInPlace(other, alpha)");
      p.mulInPlace(2f);
      for (int i = 0; i < want.length; i++) want[i] *= 2f;
      assertArrayEquals(want, p.toFloatArray(), 1e-6f, "mulInPlace");
      p.addInPlace(other);
      for (int i = 0; i < want.length; i++) want[i] += other.toFloatArray()[i];
      assertArrayEquals(want, p.toFloatArray(), 1e-6f, "addInPlace");
      p.copyFrom(other);
      assertArrayEquals(other.toFloatArray(), p.toFloatArray(), "copyFrom");
      p.fillInPlace(0f);
      assertArrayEquals(new float[6], p.toFloatArray(), "fillInPlace");
    }
  }

  @Test
  void inPlaceOnATensorWithoutGradNeedsNoScope() {
    Tensor t = Tensor.zeros(2, 3);
    t.addInPlace(Tensor.ones(2, 3));
    assertArrayEquals(Tensor.ones(2, 3).toFloatArray(), t.toFloatArray());
  }

  /** A custom op through {@link Function}: cube, with its backward written by hand. */
  @Test
  void customFunctionJoinsTheGraph() {
    Tensor x = leaf();
    Tensor y = new Cube().apply(x);
    assertArrayEquals(x.pow(3f).toFloatArray(), y.toFloatArray(), 1e-5f);
    assertTrue(y.requiresGrad());
    y.sum().backward();
    Tensor z = leaf();
    z.pow(3f).sum().backward();
    assertArrayEquals(z.grad().orElseThrow().toFloatArray(), x.grad().orElseThrow().toFloatArray(), 1e-5f);
  }

  private static final class Cube extends Function {
    private Tensor saved;

    @Override
    public Tensor forward(Tensor... inputs) {
      saved = inputs[0];
      return inputs[0].mul(inputs[0]).mul(inputs[0]);
    }

    @Override
    public Tensor[] backward(Tensor grad) {
      return new Tensor[] {grad.mul(saved.mul(saved).mul(3f))};
    }
  }

  static void assertMessageMentions(Throwable e, String expected) {
    String message = e.getMessage();
    assertTrue(message != null && message.toLowerCase().contains(expected.toLowerCase()),
        () -> "the message should mention '" + expected + "' but was: " + message);
  }
}
