package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jfastai.tensor.internal.access.TensorInternals;
import org.junit.jupiter.api.Test;

/**
 * A gradient an optimizer clears unseen ({@link TensorInternals#clearGradForReuse}) lends its storage to the next
 * backward; a gradient other code has read never does, so what that code holds keeps its values.
 */
class GradientReuseTest {
  private static final float[] X1 = {1f, -2f, 3f, 0.5f, 4f, -1f};
  private static final float[] X2 = {-3f, 0.5f, 2f, 1.5f, -1f, 2.5f};
  private static final float[] W = {0.1f, 0.2f, -0.3f, 0.4f, 0.5f, 0.6f};
  private static final float[] B = {0.25f, -0.5f};

  private static Tensor weight() {
    return Tensor.of(W, 2, 3).requiresGrad(true);
  }

  private static Tensor bias() {
    return Tensor.of(B, 2).requiresGrad(true);
  }

  /** sum((x·wᵀ + b)²): the gradient depends on w and x, so a stale buffer would show. */
  private static void backward(float[] x, Tensor w, Tensor b) {
    Tensor y = Tensor.linear(Tensor.of(x, 2, 3), w, b);
    y.mul(y).sum().backward();
  }

  /** The gradients of a fresh weight and bias for input x: what a reused buffer must hold. */
  private static float[][] expected(float[] x) {
    Tensor w = weight();
    Tensor b = bias();
    backward(x, w, b);
    return new float[][] {w.grad().orElseThrow().toFloatArray(), b.grad().orElseThrow().toFloatArray()};
  }

  @Test
  void aGradientClearedUnseenIsWrittenIntoTheSameStorage() {
    Tensor w = weight();
    Tensor b = bias();
    backward(X1, w, b);
    float[] weightStorage = TensorInternals.peekGrad(w).array();
    float[] biasStorage = TensorInternals.peekGrad(b).array();
    TensorInternals.clearGradForReuse(w);
    TensorInternals.clearGradForReuse(b);
    assertNull(TensorInternals.peekGrad(w));
    backward(X2, w, b);
    assertSame(weightStorage, TensorInternals.peekGrad(w).array());
    assertSame(biasStorage, TensorInternals.peekGrad(b).array());
    float[][] want = expected(X2);
    assertArrayEquals(want[0], w.grad().orElseThrow().toFloatArray());
    assertArrayEquals(want[1], b.grad().orElseThrow().toFloatArray());
  }

  @Test
  void aGradientSomeoneReadKeepsItsValues() {
    Tensor w = weight();
    Tensor b = bias();
    backward(X1, w, b);
    Tensor kept = w.grad().orElseThrow();
    float[] keptValues = kept.toFloatArray();
    TensorInternals.clearGradForReuse(w);
    TensorInternals.clearGradForReuse(b);
    backward(X2, w, b);
    assertArrayEquals(keptValues, kept.toFloatArray());
    assertNotSame(kept.array(), TensorInternals.peekGrad(w).array());
    assertArrayEquals(expected(X2)[0], w.grad().orElseThrow().toFloatArray());
  }

  @Test
  void setGradNullDropsTheStorage() {
    Tensor w = weight();
    Tensor b = bias();
    backward(X1, w, b);
    float[] storage = TensorInternals.peekGrad(w).array();
    float[] values = storage.clone();
    w.setGrad(null);
    backward(X2, w, b);
    assertNotSame(storage, TensorInternals.peekGrad(w).array());
    assertArrayEquals(values, storage);
  }

  @Test
  void aBackwardWithoutAClearStillAddsToTheGradient() {
    Tensor w = weight();
    Tensor b = bias();
    backward(X1, w, b);
    TensorInternals.clearGradForReuse(w);
    backward(X2, w, b);
    backward(X1, w, b);
    float[] x1 = expected(X1)[0];
    float[] x2 = expected(X2)[0];
    float[] sum = new float[x1.length];
    for (int i = 0; i < sum.length; i++) sum[i] = x2[i] + x1[i];
    assertArrayEquals(sum, w.grad().orElseThrow().toFloatArray());
  }

  /** A weight used by two layers: one takes the old storage, the other a new array, and the sum is right. */
  @Test
  void aWeightUsedTwiceGetsBothContributions() {
    Tensor w = weight();
    Tensor.linear(Tensor.of(X1, 2, 3), w, null).sum().backward();
    TensorInternals.clearGradForReuse(w);
    Tensor.linear(Tensor.of(X1, 2, 3), w, null).add(Tensor.linear(Tensor.of(X2, 2, 3), w, null)).sum().backward();
    Tensor fresh = weight();
    Tensor.linear(Tensor.of(X1, 2, 3), fresh, null).add(Tensor.linear(Tensor.of(X2, 2, 3), fresh, null)).sum()
        .backward();
    assertArrayEquals(fresh.grad().orElseThrow().toFloatArray(), w.grad().orElseThrow().toFloatArray());
  }
}
