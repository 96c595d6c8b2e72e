package dev.jfastai.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.nn.Linear;
import dev.jfastai.nn.optim.Optimizer;
import dev.jfastai.nn.optim.Optimizers;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fastai's default optimizer in a Learner: decoupled weight decay 0.01 that skips biases (wd_bn_bias=False) and
 * Adam's beta1 cycled 0.95-0.85-0.95 by fitOneCycle. A loss with zero gradient leaves only the decay, so the
 * expected weights are the hand-computed product of (1 - lr_t * 0.01) over the recorded learning rates.
 */
class FastaiAdamTest {
  @TempDir Path dir;

  private Learner learner(Linear model, boolean wdBnBias) {
    return Learner.builder(TinyProblem.dls(16, 4, 4, false, 1), model).optFunc(Optimizers.fastaiAdam())
        .lossFunc((pred, target) -> pred.mul(0f).sum()).wdBnBias(wdBnBias).path(dir).build();
  }

  @Test
  void fitOneCycleDecaysWeightsButNotBiasesAndCyclesBeta1() {
    Linear model = new Linear(2, 1, new Generator(3));
    float[] w0 = model.weight().toFloatArray();
    float[] b0 = model.bias().orElseThrow().toFloatArray();
    Learner learn = learner(model, false);
    List<Double> beta1 = new ArrayList<>();
    learn.fitOneCycle(2, 0.1f, Callback.on(Event.afterStep, l -> beta1.add((double) l.opt().hyper(Optimizer.MOM))));

    assertEquals(List.of(model.bias().orElseThrow()), model.normAndBiasParameters());
    assertArrayEquals(b0, model.bias().orElseThrow().toFloatArray(), "the bias is exempt from weight decay");
    List<Double> lrs = learn.recorder().lrs();
    assertEquals(8, lrs.size());
    for (int i = 0; i < w0.length; i++) {
      float expected = w0[i];
      for (double lr : lrs) expected *= (float) (1.0 - lr * 0.01);
      assertEquals(expected, model.weight().toFloatArray()[i], 1e-7, "weight " + i + " decayed by 1 - lr * wd");
    }
    Schedule mom = Schedule.combinedCos(0.25, 0.95, 0.85, 0.95);
    for (int i = 0; i < 8; i++) assertEquals(mom.at(i / 8.0), beta1.get(i), 1e-6, "beta1 at batch " + i);
    assertEquals(0.95, beta1.get(0), 1e-6);
    assertEquals(0.85, beta1.get(2), 1e-6, "at 25% of training");
    assertEquals(0.99f, learn.opt().hyper(Optimizer.SQR_MOM), "fastai's sqr_mom");
    assertEquals(1e-5f, learn.opt().hyper(Optimizer.EPS), "fastai's eps");
    assertEquals(0.01f, learn.opt().hyper(Optimizer.WD), "fastai's wd");
  }

  @Test
  void wdBnBiasTrueDecaysBiasesToo() {
    Linear model = new Linear(2, 1, new Generator(3));
    float b0 = model.bias().orElseThrow().toFloatArray()[0];
    Learner learn = learner(model, true);
    assertTrue(learn.wdBnBias());
    learn.fit(1, 0.1f);
    float expected = b0;
    for (int i = 0; i < 4; i++) expected *= (float) (1.0 - 0.1 * 0.01);
    assertEquals(expected, model.bias().orElseThrow().toFloatArray()[0], 1e-7);
  }

  @Test
  void skippingATensorThatIsNotAParameterFails() {
    Optimizer opt = Optimizers.fastaiAdam().create(List.of(Tensor.zeros(2).requiresGrad(true)), 0.1f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> opt.skipWeightDecay(List.of(Tensor.zeros(3))));
    assertTrue(e.getMessage().contains("[3] is not one of this optimizer's parameters"), e.getMessage());
  }
}
