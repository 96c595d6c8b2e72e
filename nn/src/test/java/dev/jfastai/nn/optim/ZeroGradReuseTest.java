package dev.jfastai.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jfastai.nn.Linear;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.access.TensorInternals;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * zeroGrad of a built-in optimizer lets the next backward write into the old gradients' storage, unless other code
 * read them; an optimizer that does not declare {@code updateKeepsNoGradient} never lends them.
 */
class ZeroGradReuseTest {
  private static final Generator DATA = new Generator(3);
  private static final Tensor X1 = Tensor.randn(DATA, 4, 5);
  private static final Tensor X2 = Tensor.randn(DATA, 4, 5);

  private static void backward(Linear layer, Tensor x) {
    Tensor y = layer.forward(x);
    y.mul(y).mean().backward();
  }

  /** One training step: backward on x, step, zeroGrad. */
  private static void trainStep(Linear layer, Optimizer opt, Tensor x) {
    backward(layer, x);
    opt.step();
    opt.zeroGrad();
  }

  @Test
  void builtInOptimizersLendTheStorageAndTrainAsBefore() {
    Linear reused = new Linear(5, 3, new Generator(1));
    Linear plain = new Linear(5, 3, new Generator(1));
    Optimizer opt = SGD.builder(reused.parameters(), 0.1f).momentum(0.9).weightDecay(0.01).build();
    Optimizer reference = SGD.builder(plain.parameters(), 0.1f).momentum(0.9).weightDecay(0.01).build();
    backward(reused, X1);
    float[] storage = TensorInternals.peekGrad(reused.weight()).array();
    opt.step();
    opt.zeroGrad();
    backward(reused, X2);
    assertSame(storage, TensorInternals.peekGrad(reused.weight()).array());
    opt.step();
    opt.zeroGrad();

    for (Tensor x : List.of(X1, X2)) {
      backward(plain, x);
      for (Tensor p : plain.parameters()) p.grad(); // read, so their storage is never lent
      reference.step();
      reference.zeroGrad();
    }
    assertArrayEquals(plain.weight().toFloatArray(), reused.weight().toFloatArray());
    assertArrayEquals(plain.bias().orElseThrow().toFloatArray(), reused.bias().orElseThrow().toFloatArray());
  }

  @Test
  void aGradientACallbackReadSurvivesZeroGrad() {
    Linear layer = new Linear(5, 3, new Generator(1));
    Optimizer opt = new BasicOptim(layer.parameters(), 0.1f);
    backward(layer, X1);
    Tensor seen = layer.weight().grad().orElseThrow();
    float[] values = seen.toFloatArray();
    opt.step();
    opt.zeroGrad();
    trainStep(layer, opt, X2);
    assertArrayEquals(values, seen.toFloatArray());
  }

  /** An optimizer that keeps each gradient in its state: zeroGrad must not lend that storage. */
  private static final class KeepsLastGradient extends AbstractOptimizer {
    KeepsLastGradient(List<Tensor> params) {
      super(List.of(new ParamGroup(params)), Map.of(LR, 0.1), Set.of("last"), Set.of());
    }

    @Override
    protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group) {
      state.put("last", grad);
    }

    /** A copy of the gradient the last step kept for parameter {@code param}, as it is now. */
    float[] last(int param) {
      return stateDict().get("param." + param + ".last").toFloatArray();
    }
  }

  @Test
  void anOptimizerThatKeepsGradientsDoesNotLendThem() {
    Linear layer = new Linear(5, 3, new Generator(1));
    KeepsLastGradient opt = new KeepsLastGradient(layer.parameters());
    backward(layer, X1);
    opt.step();
    float[] kept = opt.last(0);
    opt.zeroGrad();
    backward(layer, X2);
    assertArrayEquals(kept, opt.last(0));
  }
}
