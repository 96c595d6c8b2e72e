package dev.jfastai.nn.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.nn.Linear;
import dev.jfastai.nn.ReLU;
import dev.jfastai.nn.Sequential;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An optimizer step counts as an in-place change of each parameter it updates (see Tensor.version()). */
class OptimizerVersionTest {
  private static final List<OptimizerFactory> OPTIMIZERS =
      List.of(Optimizers.basic(), Optimizers.sgd(), Optimizers.adam(), Optimizers.adamW());

  private static Sequential model() {
    Generator g = new Generator(3);
    return new Sequential(new Linear(32, 32, g), new ReLU(), new Linear(32, 1, g));
  }

  private static Tensor loss(Sequential model, int step) {
    Tensor out = model.forward(Tensor.randn(new Generator(50 + step), 64, 32));
    return out.mul(out).mean();
  }

  @Test
  void aStepBetweenForwardAndBackwardMakesBackwardFail() {
    for (OptimizerFactory factory : OPTIMIZERS) {
      Sequential model = model();
      Optimizer opt = factory.create(model.parameters(), 0.1f);
      loss(model, 0).backward();
      Tensor pending = loss(model, 1);
      opt.step(); // updates the weights the pending graph saved
      IllegalStateException e = assertThrows(IllegalStateException.class, pending::backward);
      assertTrue(e.getMessage().matches("one of the variables needed for gradient computation has been modified by "
          + "an inplace operation: \\[1, 32], saved by Linear, is at version [1-9]; expected version 0 instead\\..*"),
          e.getMessage());
    }
  }

  @Test
  void theUsualLoopStepsAndClearsWithoutComplaint() {
    for (OptimizerFactory factory : OPTIMIZERS) {
      Sequential model = model();
      Optimizer opt = factory.create(model.parameters(), 0.1f);
      for (int step = 0; step < 5; step++) {
        loss(model, step).backward();
        opt.step();
        opt.zeroGrad();
      }
      assertTrue(model.parameters().get(0).version() >= 5, "each step counts as an in-place change");
    }
  }
}
