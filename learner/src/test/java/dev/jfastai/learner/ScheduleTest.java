package dev.jfastai.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.Optimizers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Annealing formulas, their combination, and the scheduler driving the optimizer. */
class ScheduleTest {
  @TempDir Path dir;

  @Test
  void annealersFollowFastaiFormulas() {
    assertEquals(1.0, Schedule.cos(1, 3).at(0), 1e-12);
    assertEquals(2.0, Schedule.cos(1, 3).at(0.5), 1e-12);
    assertEquals(3.0, Schedule.cos(1, 3).at(1), 1e-12);
    assertEquals(1.5, Schedule.linear(1, 3).at(0.25), 1e-12);
    assertEquals(Math.sqrt(10), Schedule.exp(1, 10).at(0.5), 1e-12);
  }

  @Test
  void combinedSchedulesSwitchAtTheirShares() {
    Schedule s = Schedule.combinedCos(0.25, 0.1, 1.0, 0.0);
    assertEquals(0.1, s.at(0), 1e-12);
    assertEquals(0.55, s.at(0.125), 1e-12);
    assertEquals(1.0, s.at(0.25), 1e-12);
    assertEquals(0.5, s.at(0.625), 1e-12);
    assertEquals(0.0, s.at(1), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Schedule.combined(new double[] {0.5, 0.4}, Schedule.constant(1),
        Schedule.constant(2)));
  }

  @Test
  void fitOneCycleSetsLrAndMomentumFromTrainingProgress() {
    Learner learn = Learner.builder(TinyProblem.dls(16, 4, 4, false, 1), TinyProblem.model(1))
        .optFunc(Optimizers.sgd(o -> o.momentum(0.9))).lossFunc(Losses::mnistLoss).path(dir).build();
    List<Double> moms = new java.util.ArrayList<>();
    learn.fitOneCycle(2, 0.01f, Callback.on(Event.afterStep, l -> moms.add((double) l.opt().hyper("mom"))));
    Schedule lr = Schedule.combinedCos(0.25, 0.01 / 25, 0.01, 0.01 / 1e5);
    Schedule mom = Schedule.combinedCos(0.25, 0.95, 0.85, 0.95);
    List<Double> lrs = learn.recorder().lrs();
    assertEquals(8, lrs.size());
    for (int i = 0; i < 8; i++) {
      double pct = i / 8.0; // pct_train before batch i: i / (n_epoch * n_iter)
      assertEquals(lr.at(pct), lrs.get(i), 1e-8, "lr at batch " + i);
      assertEquals(mom.at(pct), moms.get(i), 1e-6, "mom at batch " + i);
    }
  }
}
