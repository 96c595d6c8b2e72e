package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.tensor.internal.StoragePool;
import dev.jfastai.tensor.internal.access.TensorInternals;
import dev.jfastai.tensor.internal.ops.AdaptiveAvgPool2d;
import dev.jfastai.tensor.internal.ops.AvgPool2d;
import dev.jfastai.tensor.internal.ops.BatchNorm;
import dev.jfastai.tensor.internal.ops.BuiltInOp;
import dev.jfastai.tensor.internal.ops.Conv2d;
import dev.jfastai.tensor.internal.ops.MaxPool2d;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The convolution, pooling and batch-norm ops are built-in ops: backward recycles the gradients that flow between
 * them and the marked activations they read (see DeadStorage), and results on recycled storage are those of fresh
 * storage.
 */
class ConvOpsRecyclingTest {
  private static final int[] SHAPE = {4, 8, 8, 8};
  private static final int SIZE = 4 * 8 * 8 * 8; // every activation here, at least StoragePool.MIN_FLOATS

  @BeforeEach
  void emptyThePool() {
    while (StoragePool.held(SIZE) > 0) StoragePool.take(SIZE);
  }

  @Test
  void theOpsDeclareTheyKeepNoGradient() {
    Pool2dOptions pool = Pool2dOptions.builder(3).stride(1).padding(1).build();
    assertTrue(new Conv2d(Conv2dOptions.DEFAULTS) instanceof BuiltInOp);
    assertTrue(new BatchNorm(null, null, true, 0.1, 1e-5) instanceof BuiltInOp);
    assertTrue(new MaxPool2d(pool) instanceof BuiltInOp);
    assertTrue(new AvgPool2d(pool) instanceof BuiltInOp);
    assertTrue(new AdaptiveAvgPool2d(8, 8) instanceof BuiltInOp);
  }

  private static Tensor weight(long seed, int out, int in) {
    return Tensor.randn(new Generator(seed), out, in, 3, 3).mul(0.2f).detach().requiresGrad(true);
  }

  /**
   * conv -> maxPool -> batchNorm -> avgPool -> adaptiveAvgPool -> conv -> sum of squares, every activation the same
   * size, the five between the ops marked as intermediates when {@code mark}.
   */
  private static Tensor net(Tensor x, Tensor w1, Tensor w2, Tensor gamma, Tensor beta, boolean mark) {
    Conv2dOptions same = Conv2dOptions.builder().padding(1).build();
    Pool2dOptions window = Pool2dOptions.builder(3).stride(1).padding(1).build();
    Tensor h = NnFunctional.conv2d(x, w1, same);
    h = marked(NnFunctional.maxPool2d(marked(h, mark), window), mark);
    h = marked(NnFunctional.batchNorm(h, null, null, gamma, beta, BatchNormOptions.training()), mark);
    h = marked(NnFunctional.avgPool2d(h, window), mark);
    h = marked(NnFunctional.adaptiveAvgPool2d(h, 8), mark);
    Tensor y = NnFunctional.conv2d(h, w2, same);
    assertArrayEquals(SHAPE, y.shape());
    return y.mul(y).sum();
  }

  private static Tensor marked(Tensor t, boolean mark) {
    if (mark) TensorInternals.markIntermediate(t);
    return t;
  }

  @Test
  void activationsAndTheGradientsBetweenTheOpsGoBackToThePool() {
    Tensor x = Tensor.randn(new Generator(1), SHAPE);
    net(x, weight(2, 8, 8), weight(3, 8, 8), Tensor.ones(8).requiresGrad(true), Tensor.zeros(8).requiresGrad(true),
        true).backward();
    // five marked activations; the gradients of the outputs of conv, maxPool, batchNorm, avgPool and
    // adaptiveAvgPool, each made fresh by the op after it and consumed by the op that made the activation; and the
    // gradient of the last conv's output, which mul's backward made and the conv consumed
    assertEquals(11, StoragePool.held(SIZE));
    emptyThePool();
    net(x, weight(2, 8, 8), weight(3, 8, 8), Tensor.ones(8).requiresGrad(true), Tensor.zeros(8).requiresGrad(true),
        false).backward();
    assertEquals(6, StoragePool.held(SIZE), "unmarked, only the gradients");
  }

  /** Dirties every pooled array of SIZE floats, as later tensors would. */
  private static void scribbleOverThePool() {
    int n = StoragePool.held(SIZE);
    float[][] taken = new float[n][];
    for (int i = 0; i < n; i++) {
      taken[i] = StoragePool.take(SIZE);
      Arrays.fill(taken[i], Float.NaN);
    }
    for (float[] a : taken) StoragePool.release(a);
  }

  @Test
  void stepsOnRecycledStorageGiveTheGradientsOfFreshStorage() {
    Tensor[] recycled = {weight(2, 8, 8), weight(3, 8, 8), Tensor.ones(8).requiresGrad(true),
        Tensor.zeros(8).requiresGrad(true)};
    Tensor[] fresh = {weight(2, 8, 8), weight(3, 8, 8), Tensor.ones(8).requiresGrad(true),
        Tensor.zeros(8).requiresGrad(true)};
    for (int step = 0; step < 3; step++) {
      scribbleOverThePool();
      Tensor x = Tensor.randn(new Generator(10 + step), SHAPE);
      net(x, recycled[0], recycled[1], recycled[2], recycled[3], true).backward();
      emptyThePool(); // the same step on new arrays only
      net(x, fresh[0], fresh[1], fresh[2], fresh[3], false).backward();
    }
    for (int i = 0; i < fresh.length; i++) {
      assertArrayEquals(fresh[i].grad().orElseThrow().toFloatArray(), recycled[i].grad().orElseThrow().toFloatArray(),
          "parameter " + i);
    }
  }
}
