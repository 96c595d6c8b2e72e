package dev.jfastai.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jfastai.learner.Callback;
import dev.jfastai.learner.Event;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.Metric;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReduceLROnPlateauTest {
  @TempDir Path dir;

  /** The lr in force during each epoch's training of a fit at lr 1 whose valid loss follows {@code valid}. */
  private List<Float> lrPerEpoch(ReduceLROnPlateau cb, double... valid) {
    List<Float> lrs = new ArrayList<>();
    Callback probe = Callback.on(Event.beforeTrain, l -> lrs.add(l.opt().lr()));
    Learner learn = TinyLearners.scripted(dir, ScriptedLoss.validLosses(valid), new Metric[0], cb, probe);
    learn.fit(valid.length, 1f);
    return lrs;
  }

  @Test
  void dividesTheLrByTheFactorAfterPatienceEpochsWithoutImprovement() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ReduceLROnPlateau cb = new ReduceLROnPlateau(
        new ReduceLROnPlateauSettings(Monitor.validLoss(), 2, 10, 0, true), new PrintStream(bytes, true,
            StandardCharsets.UTF_8));
    // improvements at epochs 0 and 1; 2 and 3 do not improve: the lr drops after epoch 3; 4 and 5 neither: again
    assertEquals(List.of(1f, 1f, 1f, 1f, 0.1f, 0.1f, 0.01f), lrPerEpoch(cb, 1.0, 0.9, 0.95, 0.92, 0.93, 0.94, 0.91));
    assertEquals("Epoch 3: reducing lr to 0.1\nEpoch 5: reducing lr to 0.01\n", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void neverGoesBelowMinLr() {
    ReduceLROnPlateau cb = new ReduceLROnPlateau(new ReduceLROnPlateauSettings(Monitor.validLoss(), 1, 4, 0.2, false));
    assertEquals(List.of(1f, 1f, 0.25f, 0.2f, 0.2f), lrPerEpoch(cb, 1.0, 1.0, 1.0, 1.0, 1.0));
  }
}
