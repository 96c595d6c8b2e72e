package dev.jfastai.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.nn.optim.BasicOptim;
import dev.jfastai.nn.optim.Optimizer;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Sequential lets backward recycle the activations between layers that keep none (see TensorInternals): training
 * gives the bits of the same layers called one by one, and what other code holds keeps its values.
 */
class SequentialRecyclingTest {
  private static final int BATCH = 64;
  private static final int FEATURES = 32; // activations of 64 x 32 floats, large enough to be pooled

  private static Sequential model() {
    Generator g = new Generator(5);
    return new Sequential(new Linear(FEATURES, FEATURES, g), new ReLU(), new Linear(FEATURES, FEATURES, g),
        new Tanh(), new Linear(FEATURES, 1, g));
  }

  private static Tensor batch(int step) {
    return Tensor.randn(new Generator(100 + step), BATCH, FEATURES);
  }

  /** Backward of the output's mean square, an optimizer step, zeroGrad: one training step. */
  static void step(Tensor out, Optimizer opt) {
    out.mul(out).mean().backward();
    opt.step();
    opt.zeroGrad();
  }

  /** The leaf layers one by one, through no Sequential: nothing is marked, nothing recycled but gradients. */
  static Tensor layerByLayer(Module m, Tensor x) {
    if (!(m instanceof Sequential s)) return m.forward(x);
    Tensor out = x;
    for (Module layer : s.layers()) out = layerByLayer(layer, out);
    return out;
  }

  /** Four training steps of each model on the same batches: {@code recycled} through Sequential, the other not. */
  static void trainBoth(Sequential recycled, Sequential plain, IntFunction<Tensor> batches) {
    Optimizer a = new BasicOptim(recycled.parameters(), 0.1f);
    Optimizer b = new BasicOptim(plain.parameters(), 0.1f);
    for (int s = 0; s < 4; s++) {
      step(recycled.forward(batches.apply(s)), a);
      step(layerByLayer(plain, batches.apply(s)), b);
    }
  }

  @Test
  void trainingThroughSequentialGivesTheBitsOfTheLayersOneByOne() {
    Sequential recycled = model();
    Sequential plain = model();
    trainBoth(recycled, plain, SequentialRecyclingTest::batch);
    for (int p = 0; p < plain.parameters().size(); p++) {
      assertArrayEquals(plain.parameters().get(p).toFloatArray(), recycled.parameters().get(p).toFloatArray(),
          "parameter " + p);
    }
  }

  /** A layer of its own, which keeps every input it sees (and, by default, says it may). */
  private static class KeepsInputs extends Module {
    final List<Tensor> seen = new ArrayList<>();

    @Override
    public Tensor forward(Tensor input) {
      seen.add(input);
      return input.mul(2f);
    }
  }

  @Test
  void theOutputAndWhatOtherLayersKeepStayIntact() {
    Generator g = new Generator(6);
    KeepsInputs keeper = new KeepsInputs();
    Sequential net = new Sequential(new Linear(FEATURES, FEATURES, g), new ReLU(), keeper,
        new Linear(FEATURES, FEATURES, g));
    Optimizer opt = new BasicOptim(net.parameters(), 0.1f);
    Tensor firstOut = net.forward(batch(0));
    float[] outValues = firstOut.toFloatArray();
    float[] keptValues = keeper.seen.get(0).toFloatArray();
    step(firstOut, opt);
    for (int s = 1; s < 4; s++) step(net.forward(batch(s)), opt);
    assertArrayEquals(outValues, firstOut.toFloatArray());
    assertArrayEquals(keptValues, keeper.seen.get(0).toFloatArray());
  }

  /** The same layer declaring that it keeps no activations: here a false promise, to see that Sequential trusts it. */
  private static final class DeclaresItKeepsNothing extends KeepsInputs {
    @Override
    public boolean keepsActivations() {
      return false;
    }
  }

  /** What {@code keeper} saw in the first step, read again after that step's backward and three more forwards. */
  private static float[][] keptThenReadLater(KeepsInputs keeper) {
    Generator g = new Generator(6);
    Sequential net = new Sequential(new Linear(FEATURES, FEATURES, g), keeper, new ReLU(),
        new Linear(FEATURES, FEATURES, g));
    Tensor out = net.forward(batch(0));
    float[] atFirst = keeper.seen.get(0).toFloatArray();
    out.mul(out).mean().backward();
    for (int s = 1; s < 4; s++) net.forward(batch(s)); // forwards take pooled arrays and return none
    return new float[][] {atFirst, keeper.seen.get(0).toFloatArray()};
  }

  @Test
  void aUserLayerKeepsItsInputsUnlessItDeclaresItDoesNot() {
    float[][] honest = keptThenReadLater(new KeepsInputs());
    assertArrayEquals(honest[0], honest[1], "a module keeping activations by default: its input is never recycled");
    float[][] declared = keptThenReadLater(new DeclaresItKeepsNothing());
    assertFalse(Arrays.equals(declared[0], declared[1]),
        "a module declaring keepsActivations() false: the Linear output it read was recycled and overwritten");
  }

  @Test
  void theBuiltInLayersThatMayBeRecycledSaySo() {
    Generator g = new Generator(7);
    assertFalse(new Linear(2, 2, g).keepsActivations());
    assertFalse(new ReLU().keepsActivations());
    assertFalse(new Sigmoid().keepsActivations());
    assertFalse(new Tanh().keepsActivations());
    assertTrue(new Flatten().keepsActivations(), "returns a view of its input");
    assertTrue(new Dropout(0.5f, g).keepsActivations(), "returns its input in eval mode");
    assertTrue(new Sequential().keepsActivations());
  }
}
