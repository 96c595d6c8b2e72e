package dev.jfastai.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.NoGrad;
import dev.jfastai.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The convolutional layers keep no activations, so Sequential recycles the storage between them, also inside the
 * book's Conv2d -> ReLU -> BatchNorm2d blocks and between blocks: training and validation give the bits of the same
 * layers called one by one, without any recycling.
 */
class CnnRecyclingTest {
  private static final int BATCH = 4;

  @Test
  void theConvolutionalLayersDeclareTheyKeepNoActivations() {
    Generator g = new Generator(1);
    assertFalse(Conv2d.builder(1, 8, 3).generator(g).build().keepsActivations());
    assertFalse(BatchNorm1d.builder(8).build().keepsActivations());
    assertFalse(BatchNorm2d.builder(8).build().keepsActivations());
    assertFalse(new MaxPool2d(2).keepsActivations());
    assertFalse(new AvgPool2d(2).keepsActivations());
    assertFalse(new AdaptiveAvgPool2d(1).keepsActivations());
    assertFalse(block(1, 8, 3, true, g).keepsActivations(), "a block of layers that keep nothing");
    assertTrue(new Sequential(Conv2d.builder(1, 8, 3).generator(g).build(), new Flatten()).keepsActivations(),
        "its last layer returns a view");
    Sequential hooked = block(1, 8, 3, true, g);
    hooked.get(0).registerForwardHook((m, in, out) -> { });
    assertTrue(hooked.keepsActivations(), "a hook on its first layer sees its input");
  }

  /** The book's {@code conv(ni, nf, ks, act)} with BatchNorm: stride 2, padding ks / 2. */
  private static Sequential block(int ni, int nf, int ks, boolean act, Generator g) {
    Conv2d conv = Conv2d.builder(ni, nf, ks).stride(2).padding(ks / 2).generator(g).build();
    return act ? new Sequential(conv, new ReLU(), BatchNorm2d.builder(nf).build())
        : new Sequential(conv, BatchNorm2d.builder(nf).build());
  }

  /** The chapter's BatchNorm CNN, shortened: 28x28 -> 14x14 -> 7x7 -> 4x4 -> 2x2, then flattened. */
  private static Sequential cnn() {
    Generator g = new Generator(3);
    return new Sequential(block(1, 8, 5, true, g), block(8, 16, 3, true, g), block(16, 32, 3, true, g),
        block(32, 4, 3, false, g), new Flatten());
  }

  private static Tensor images(int step) {
    return Tensor.randn(new Generator(100 + step), BATCH, 1, 28, 28);
  }

  @Test
  void trainingAndValidationGiveTheBitsOfTheLayersOneByOne() {
    Sequential recycled = cnn();
    Sequential plain = cnn();
    SequentialRecyclingTest.trainBoth(recycled, plain, CnnRecyclingTest::images);
    Map<String, Tensor> expected = plain.stateDict();
    recycled.stateDict().forEach((name, t) -> assertArrayEquals(expected.get(name).toFloatArray(), t.toFloatArray(),
        name));
    recycled.eval();
    plain.eval();
    try (NoGrad ignored = Tensor.noGrad()) {
      for (int s = 0; s < 3; s++) {
        assertArrayEquals(SequentialRecyclingTest.layerByLayer(plain, images(10 + s)).toFloatArray(),
            recycled.forward(images(10 + s)).toFloatArray(), "validation batch " + s);
      }
    }
  }

  /** Between two blocks, a layer that keeps what it sees while declaring it keeps nothing: a false promise. */
  private static final class KeepsWhatItSees extends Module {
    Tensor seen;

    @Override
    public Tensor forward(Tensor input) {
      seen = input;
      return input.mul(1f);
    }

    @Override
    public boolean keepsActivations() {
      return false;
    }
  }

  /** What the spy saw in the first step, and the same tensor after a backward and three more forwards. */
  private static float[][] seenThenReadLater(boolean training) {
    Generator g = new Generator(4);
    KeepsWhatItSees spy = new KeepsWhatItSees();
    Sequential net = new Sequential(block(1, 8, 5, true, g), spy, block(8, 4, 3, false, g), new Flatten());
    try (NoGrad ignored = training ? null : Tensor.noGrad()) {
      Tensor out = net.forward(images(0));
      float[] atFirst = spy.seen.toFloatArray();
      Tensor first = spy.seen;
      if (training) out.mul(out).mean().backward();
      for (int s = 1; s < 4; s++) net.forward(images(s));
      return new float[][] {atFirst, first.toFloatArray()};
    }
  }

  @Test
  void theStorageBetweenBlocksIsReusedInTrainingAndInValidation() {
    float[][] trained = seenThenReadLater(true);
    assertFalse(Arrays.equals(trained[0], trained[1]), "the first block's output was recycled after backward");
    float[][] validated = seenThenReadLater(false);
    assertFalse(Arrays.equals(validated[0], validated[1]),
        "without gradients, the first block's output was recycled once the spy had read it");
  }
}
