package dev.jfastai.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.learner.Learner;
import dev.jfastai.learner.Metric;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminateOnNaNTest {
  @TempDir Path dir;

  @Test
  void stopsAtTheFirstNaNLossBeforeItIsRecorded() {
    TerminateOnNaN cb = new TerminateOnNaN();
    ScriptedLoss loss = new ScriptedLoss()
        .epoch(new double[] {0.5, 0.4, 0.3}, new double[] {0.3, 0.3})
        .epoch(new double[] {0.2, Double.NaN, 0.1}, new double[] {0.1, 0.1});
    Learner learn = TinyLearners.scripted(dir, loss, new Metric[0], cb);
    learn.fit(2, 0.1f);
    assertEquals(OptionalInt.of(1), cb.terminatedEpoch());
    assertEquals(OptionalInt.of(1), cb.terminatedIter());
    assertEquals(7, loss.calls(), "nothing runs after the NaN batch");
    assertEquals(1, learn.recorder().epochs().size());
    assertEquals(4, learn.recorder().losses().size());
    assertTrue(learn.recorder().losses().stream().allMatch(Double::isFinite));
  }

  @Test
  void stopsOnAnInfiniteLossToo() {
    TerminateOnNaN cb = new TerminateOnNaN();
    ScriptedLoss loss = new ScriptedLoss().epoch(new double[] {Double.POSITIVE_INFINITY, 0.4, 0.3}, new double[] {0.3,
        0.3});
    TinyLearners.scripted(dir, loss, new Metric[0], cb).fit(1, 0.1f);
    assertEquals(OptionalInt.of(0), cb.terminatedIter());
    assertEquals(1, loss.calls());
  }

  @Test
  void letsFiniteLossesThrough() {
    TerminateOnNaN cb = new TerminateOnNaN();
    TinyLearners.scripted(dir, ScriptedLoss.validLosses(0.5, 0.4), new Metric[0], cb).fit(2, 0.1f);
    assertEquals(OptionalInt.empty(), cb.terminatedEpoch());
    assertEquals(OptionalInt.empty(), cb.terminatedIter());
  }
}
