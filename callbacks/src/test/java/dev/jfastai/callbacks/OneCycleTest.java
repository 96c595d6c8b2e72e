package dev.jfastai.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.Event;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.OneCycle;
import dev.jfastai.learner.ParamScheduler;
import dev.jfastai.learner.Schedule;
import dev.jfastai.nn.optim.Optimizer;
import dev.jfastai.nn.optim.Optimizers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learner's one-cycle schedule, checked batch by batch against fastai's formulas (one_cycle.json). */
class OneCycleTest {
  @TempDir Path dir;

  /** A learner with SGD momentum (so there is a {@code mom} to cycle) and {@code nIter} batches per epoch. */
  private Learner learner(int nIter) {
    return TinyLearners.regression(dir, TinyLearners.linearData(4 * nIter, 8, 4, null),
        Optimizers.sgd(o -> o.momentum(0.9)));
  }

  private static void assertSchedule(List<Double> expected, List<Double> actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": one value per training batch");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), actual.get(i), 1e-6 * expected.get(i), what + " at iteration " + i);
    }
  }

  @Test
  void fitOneCycleSetsFastaisLrAndMomentumAtEveryIteration() {
    for (JsonNode c : Fixtures.json("one_cycle.json")) {
      Learner learn = learner(c.get("nIter").asInt());
      List<Double> lrs = new ArrayList<>();
      List<Double> moms = new ArrayList<>();
      Callback probe = Callback.on(Event.beforeStep, l -> {
        lrs.add((double) l.opt().lr());
        moms.add((double) l.opt().hyper(Optimizer.MOM));
      });
      learn.fitOneCycle(c.get("nEpoch").asInt(), (float) c.get("lrMax").asDouble(), probe);

      assertSchedule(Fixtures.doubles(c.get("lr")), lrs, "lr");
      assertSchedule(Fixtures.doubles(c.get("mom")), moms, "mom");
      assertSchedule(Fixtures.doubles(c.get("lr")), learn.recorder().lrs(), "recorded lr");
    }
  }

  @Test
  void theSchedulerRecordsWhatItSet() {
    JsonNode c = Fixtures.json("one_cycle.json").get(0);
    ParamScheduler sched = ParamScheduler.oneCycle(c.get("lrMax").asDouble());
    learner(c.get("nIter").asInt()).fit(c.get("nEpoch").asInt(), 0.5f, sched);
    assertSchedule(Fixtures.doubles(c.get("lr")), sched.history("lr"), "lr history");
    assertSchedule(Fixtures.doubles(c.get("mom")), sched.history("mom"), "mom history");
  }

  @Test
  void combinedCosStartsPeaksAndEndsWhereFastaiSays() {
    double lrMax = 0.01;
    Schedule lr = Schedule.combinedCos(0.25, lrMax / 25, lrMax, lrMax / 1e5);
    assertEquals(lrMax / 25, lr.at(0), 1e-15);
    assertEquals((lrMax / 25 + lrMax) / 2, lr.at(0.125), 1e-15); // a cosine is halfway at its middle
    assertEquals(lrMax, lr.at(0.25), 1e-15);
    assertEquals((lrMax + lrMax / 1e5) / 2, lr.at(0.625), 1e-15);
    assertEquals(lrMax / 1e5, lr.at(1), 1e-15);
  }

  @Test
  void oneCyclesOptionsShapeTheSchedule() {
    OneCycle policy = OneCycle.builder(0.1).div(10).divFinal(100).pctStart(0.5).moms(0.9, 0.8, 0.9).build();
    Learner learn = learner(4);
    List<Double> lrs = new ArrayList<>();
    List<Double> moms = new ArrayList<>();
    learn.fitOneCycle(2, policy, Callback.on(Event.beforeStep, l -> {
      lrs.add(l.opt().lr());
      moms.add(l.opt().hyper(Optimizer.MOM));
    }));
    assertEquals(8, lrs.size());
    Schedule lr = Schedule.combinedCos(0.5, 0.01, 0.1, 0.001);
    Schedule mom = Schedule.combinedCos(0.5, 0.9, 0.8, 0.9);
    for (int i = 0; i < lrs.size(); i++) {
      assertEquals((float) lr.at(i / 8.0), lrs.get(i), 1e-9, "lr at iteration " + i);
      assertEquals((float) mom.at(i / 8.0), moms.get(i), 1e-9, "mom at iteration " + i);
    }
    assertEquals(0.01f, lrs.get(0), 0.0, "starts at lrMax / div");
    assertEquals(0.1f, lrs.get(4), 0.0, "peaks at pctStart");
  }

  @Test
  void oneCyclesBuilderRejectsBadValuesNamingThem() {
    assertEquals("OneCycle: lrMax must be > 0 and finite, got -0.1",
        assertThrows(IllegalArgumentException.class, () -> OneCycle.builder(-0.1)).getMessage());
    assertEquals("OneCycle: div must be > 0 and finite, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> OneCycle.builder(0.1).div(0)).getMessage());
    assertEquals("OneCycle: pctStart must be in [0, 1], got 1.5",
        assertThrows(IllegalArgumentException.class, () -> OneCycle.builder(0.1).pctStart(1.5)).getMessage());
    assertEquals("OneCycle: moms must be in [0, 1), got (0.95, 1.0, 0.95)",
        assertThrows(IllegalArgumentException.class, () -> OneCycle.builder(0.1).moms(0.95, 1, 0.95)).getMessage());
  }
}
