package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jfastai.tensor.internal.StoragePool;
import dev.jfastai.tensor.internal.access.TensorInternals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backward recycles the storage of marked intermediate activations and of the gradients that flowed between built-in
 * ops, and nothing that other code can still read: results stay those of fresh arrays.
 */
class StorageRecyclingTest {
  private static final int ROWS = 64;
  private static final int WIDTH = 32;
  private static final int SIZE = ROWS * WIDTH; // at least StoragePool.MIN_FLOATS, so it is pooled

  private static Tensor input(long seed) {
    return Tensor.randn(new Generator(seed), ROWS, WIDTH);
  }

  private static Tensor weight(long seed, int out) {
    return Tensor.randn(new Generator(seed), out, WIDTH).mul(0.2f).detach().requiresGrad(true);
  }

  @BeforeEach
  void emptyThePool() {
    while (StoragePool.held(SIZE) > 0) StoragePool.take(SIZE);
  }

  /** linear -> relu -> linear -> sum, marking the two activations between the layers when {@code mark}. */
  private static Tensor net(Tensor x, Tensor w1, Tensor w2, boolean mark) {
    Tensor h = Tensor.linear(x, w1, null);
    if (mark) TensorInternals.markIntermediate(h);
    Tensor r = h.relu();
    if (mark) TensorInternals.markIntermediate(r);
    return Tensor.linear(r, w2, null).sum();
  }

  /** Dirties every pooled array of SIZE floats, as later tensors would. */
  private static void scribbleOverThePool() {
    int n = StoragePool.held(SIZE);
    float[][] taken = new float[n][];
    for (int i = 0; i < n; i++) {
      taken[i] = StoragePool.take(SIZE);
      java.util.Arrays.fill(taken[i], Float.NaN);
    }
    for (float[] a : taken) StoragePool.release(a);
  }

  @Test
  void activationsAndIntermediateGradientsGoBackToThePool() {
    net(input(1), weight(2, WIDTH), weight(3, 1), true).backward();
    // h and r, the gradient of r (from the second linear) and that of h (from relu)
    assertEquals(4, StoragePool.held(SIZE));
  }

  @Test
  void unmarkedActivationsAndRetainedGraphsAreNotRecycled() {
    net(input(1), weight(2, WIDTH), weight(3, 1), false).backward();
    assertEquals(2, StoragePool.held(SIZE), "only the two intermediate gradients");
    emptyThePool();
    net(input(1), weight(2, WIDTH), weight(3, 1), true).backward(Tensor.scalar(1f), true);
    assertEquals(0, StoragePool.held(SIZE));
  }

  @Test
  void stepsOnRecycledStorageGiveTheGradientsOfFreshStorage() {
    Tensor w1 = weight(2, WIDTH);
    Tensor w2 = weight(3, 1);
    Tensor v1 = weight(2, WIDTH);
    Tensor v2 = weight(3, 1);
    for (int step = 0; step < 3; step++) {
      scribbleOverThePool();
      net(input(10 + step), w1, w2, true).backward();
      net(input(10 + step), v1, v2, false).backward();
    }
    assertArrayEquals(v1.grad().orElseThrow().toFloatArray(), w1.grad().orElseThrow().toFloatArray());
    assertArrayEquals(v2.grad().orElseThrow().toFloatArray(), w2.grad().orElseThrow().toFloatArray());
  }

  @Test
  void whatTheCallerHoldsKeepsItsValues() {
    Tensor x = input(1);
    Tensor w1 = weight(2, WIDTH);
    Tensor h = Tensor.linear(x, w1, null);
    TensorInternals.markIntermediate(h);
    Tensor r = h.relu(); // not marked: the caller keeps it
    float[] kept = r.toFloatArray();
    r.mul(r).sum().backward();
    scribbleOverThePool();
    assertArrayEquals(kept, r.toFloatArray());
  }

  /** add passes its (recyclable) gradient on unchanged to both branches: both must see it whole. */
  @Test
  void gradientsThroughABranchingAddStayRight() {
    Tensor x = input(1);
    Tensor a = weight(2, WIDTH);
    Tensor b = weight(4, WIDTH);
    Tensor w2 = weight(3, 1);
    Tensor sum = Tensor.linear(x, a, null).add(Tensor.linear(x, b, null));
    Tensor.linear(sum, w2, null).sum().backward();
    float[] gradA = a.grad().orElseThrow().toFloatArray();
    float[] gradB = b.grad().orElseThrow().toFloatArray();
    scribbleOverThePool();
    assertArrayEquals(gradA, a.grad().orElseThrow().toFloatArray());
    assertArrayEquals(gradB, gradA, "both branches got the same gradient");
  }

  /** A Function from outside the built-in ops may keep the gradient it is given: by default it is assumed to. */
  private static class KeepsGradOutput extends Function {
    Tensor kept;

    @Override
    protected Tensor forward(Tensor... inputs) {
      return inputs[0].mul(1f);
    }

    @Override
    protected Tensor[] backward(Tensor gradOutput) {
      kept = gradOutput;
      return new Tensor[] {gradOutput.mul(1f)};
    }

    @Override
    protected boolean returnsFreshGradients() {
      return true;
    }
  }

  @Test
  void aGradientGivenToAFunctionFromElsewhereIsNotRecycled() {
    Tensor x = input(1).requiresGrad(true);
    KeepsGradOutput keeper = new KeepsGradOutput();
    Tensor y = keeper.apply(x);
    Tensor.linear(y, weight(3, 1), null).sum().backward();
    float[] values = keeper.kept.toFloatArray();
    scribbleOverThePool();
    assertArrayEquals(values, keeper.kept.toFloatArray());
  }

  /** The same Function, declaring that it drops its gradOutput (a false promise here, to see what the pass trusts). */
  private static final class DeclaresItDropsGradOutput extends KeepsGradOutput {
    @Override
    protected boolean keepsGradOutput() {
      return false;
    }
  }

  @Test
  void aFunctionDeclaringItKeepsNoGradientGetsItsGradientRecycled() {
    Tensor x = input(1).requiresGrad(true);
    KeepsGradOutput keeper = new KeepsGradOutput();
    Tensor.linear(keeper.apply(x), weight(3, 1), null).sum().backward();
    int heldWhenKept = StoragePool.held(SIZE);
    emptyThePool();
    DeclaresItDropsGradOutput dropper = new DeclaresItDropsGradOutput();
    Tensor.linear(dropper.apply(input(1).requiresGrad(true)), weight(3, 1), null).sum().backward();
    assertEquals(heldWhenKept + 1, StoragePool.held(SIZE), "the gradient it was given went back to the pool");
  }
}
