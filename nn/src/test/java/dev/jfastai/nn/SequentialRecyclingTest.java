package dev.jfastai.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.jfastai.nn.optim.BasicOptim;
import dev.jfastai.nn.optim.Optimizer;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sequential lets backward recycle the activations between its built-in layers (see TensorInternals): training
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

  private static void step(Tensor out, Optimizer opt) {
    out.mul(out).mean().backward();
    opt.step();
    opt.zeroGrad();
  }

  @Test
  void trainingThroughSequentialGivesTheBitsOfTheLayersOneByOne() {
    Sequential recycled = model();
    Sequential plain = model();
    Optimizer a = new BasicOptim(recycled.parameters(), 0.1f);
    Optimizer b = new BasicOptim(plain.parameters(), 0.1f);
    for (int s = 0; s < 4; s++) {
      step(recycled.forward(batch(s)), a);
      Tensor x = batch(s);
      for (Module layer : plain.layers()) x = layer.forward(x);
      step(x, b);
    }
    for (int p = 0; p < plain.parameters().size(); p++) {
      assertArrayEquals(plain.parameters().get(p).toFloatArray(), recycled.parameters().get(p).toFloatArray(),
          "parameter " + p);
    }
  }

  /** A layer of its own, which keeps every input it sees. */
  private static final class KeepsInputs extends Module {
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
}
