package dev.jfastai.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.BasicOptim;
import dev.jfastai.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's API conventions, as a user meets them on a Learner: double hyper-parameters and absence. */
class ApiConventionsTest {
  @TempDir Path dir;

  @Test
  void aDoubleLearningRateTrainsBitIdenticallyToTheFloatOne() {
    Learner withDouble = TinyProblem.learner(TinyProblem.dls(16, 8, 4, true, 2), dir);
    Learner withFloat = TinyProblem.learner(TinyProblem.dls(16, 8, 4, true, 2), dir);
    withDouble.fit(3, 0.1);
    withFloat.fit(3, 0.1f);
    for (int i = 0; i < withDouble.model().parameters().size(); i++) {
      assertArrayEquals(withFloat.model().parameters().get(i).toFloatArray(),
          withDouble.model().parameters().get(i).toFloatArray());
    }
    assertEquals(0.1f, withDouble.opt().lr(), 0.0, "stored as float32");
  }

  @Test
  void loopStateOutsideItsStageThrowsSayingWhenItExists() {
    Learner learn = TinyProblem.learner(TinyProblem.dls(16, 8, 4, false, 2), dir);
    assertFalse(learn.hasOpt());
    IllegalStateException e = assertThrows(IllegalStateException.class, learn::opt);
    assertTrue(e.getMessage().contains("first fit"), e.getMessage());
    assertTrue(learn.recorder().lastEpoch().isEmpty());

    List<Boolean> hadLossInAfterPred = new ArrayList<>();
    List<Tensor> xbs = new ArrayList<>();
    learn.fit(1, 0.1, Callback.on(Event.afterPred, l -> hadLossInAfterPred.add(l.hasLoss())),
        Callback.on(Event.afterBatch, l -> xbs.add(l.xb())));
    assertEquals(List.of(false), hadLossInAfterPred.subList(0, 1));
    assertEquals(6, xbs.size(), "xb() available in every batch (4 training, 2 validation)");
    assertTrue(learn.hasOpt());
    assertTrue(learn.recorder().lastEpoch().isPresent());
    e = assertThrows(IllegalStateException.class, learn::xb);
    assertTrue(e.getMessage().contains("beforeBatch to afterBatch"), e.getMessage());
    assertThrows(IllegalStateException.class, learn::loss);
    assertThrows(IllegalStateException.class, learn::dl);
  }

  @Test
  void anUnknownColumnNameThrowsListingTheKnownOnes() {
    Learner learn = TinyProblem.learner(TinyProblem.dls(16, 8, 4, false, 2), dir);
    learn.fit(1, 0.1);
    EpochRecord last = learn.recorder().lastEpoch().orElseThrow();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> last.value("accuracy"));
    assertEquals("EpochRecord: no column 'accuracy'; known: [epoch, train_loss, valid_loss, batch_accuracy, time]",
        e.getMessage());
    assertTrue(last.has("batch_accuracy"));
    assertFalse(last.has("accuracy"));
    assertEquals(last.metrics().get("batch_accuracy"), last.value("batch_accuracy"), 0.0);
  }

  @Test
  void aMetricThatMeasuredNothingIsEmptyAndItsTableCellNaN() {
    Learner learn = TinyProblem.learner(TinyProblem.dls(16, 8, 4, false, 2), dir);
    assertEquals(OptionalDouble.empty(), learn.recorder().smoothLoss(), "no batch yet");
    Metric accuracy = learn.metrics().get(0);
    accuracy.reset();
    assertEquals(OptionalDouble.empty(), accuracy.value(), "fastai's AvgMetric.value is None here");
    AvgSmoothLoss smooth = new AvgSmoothLoss();
    assertEquals(OptionalDouble.empty(), smooth.value());
    smooth.add(2.0);
    assertEquals(2.0, smooth.value().orElseThrow(), 1e-12, "debiased: the first loss itself");
    learn.fit(1, 0.1, Callback.on(Event.beforeValidate, l -> {
      throw new CancelValidException();
    }));
    EpochRecord row = learn.recorder().lastEpoch().orElseThrow();
    assertTrue(Double.isNaN(row.value("batch_accuracy")), "a phase that did not run is a NaN cell");
    assertTrue(learn.recorder().smoothLoss().isPresent());
  }

  @Test
  void pathAndModelDirAreBuilderOptions() {
    Learner learn = Learner.builder(TinyProblem.dls(16, 8, 4, false, 2), TinyProblem.model(1))
        .optFunc(BasicOptim::new).lossFunc(Losses::mnistLoss).path(dir).modelDir("checkpoints").build();
    assertEquals(dir, learn.path());
    assertEquals(dir.resolve("checkpoints"), learn.modelPath());
    learn.fit(1, 0.1);
    learn.save("one");
    assertTrue(Files.isRegularFile(dir.resolve("checkpoints/one.safetensors")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Learner.builder(TinyProblem.dls(16, 8, 4, false, 2), TinyProblem.model(1)).modelDir(" "));
    assertEquals("Learner.builder: modelDir must name a folder, got ' '", e.getMessage());
  }
}
