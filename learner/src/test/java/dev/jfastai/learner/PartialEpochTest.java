package dev.jfastai.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.data.DataLoader;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.data.TensorDataset;
import dev.jfastai.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Epochs that end early: a row never repeats an earlier epoch's values for a phase that did not run, an epoch left
 * by CancelFitException is not done (a resume trains it again, in the same data order), and empty data is refused.
 */
class PartialEpochTest {
  @TempDir Path dir;

  /** Throws {@code cancel} at {@code event} of epoch {@code epoch}, batch {@code iter} (any batch if negative). */
  private static Callback cancelAt(Event event, int epoch, int iter, RuntimeException cancel) {
    return Callback.on(event, 100, l -> {
      if (l.epoch() == epoch && l.training() && (iter < 0 || l.iter() == iter)) throw cancel;
    });
  }

  @Test
  void anEpochCancelledBeforeValidationHasNoValidValues() {
    Learner learn = TinyProblem.learner(TinyProblem.dls(16, 8, 4, false, 2), dir,
        cancelAt(Event.afterTrain, 1, -1, new CancelEpochException()));
    learn.fit(2, 0.2f);
    EpochRecord first = learn.recorder().epochs().get(0);
    EpochRecord cancelled = learn.recorder().epochs().get(1);
    assertFalse(Double.isNaN(first.validLoss()));
    assertFalse(Double.isNaN(cancelled.trainLoss()), "training ran to its end");
    assertTrue(Double.isNaN(cancelled.validLoss()), "not epoch 0's " + first.validLoss() + ": " + cancelled);
    assertTrue(Double.isNaN(cancelled.value("batch_accuracy")), cancelled.toString());
  }

  @Test
  void anEpochCancelledInTheMiddleOfTrainingHasNeitherTrainNorValidValues() {
    Learner learn = TinyProblem.learner(TinyProblem.dls(16, 8, 4, false, 2), dir,
        cancelAt(Event.afterBatch, 1, 1, new CancelEpochException()));
    learn.fit(3, 0.2f);
    EpochRecord cancelled = learn.recorder().epochs().get(1);
    assertTrue(Double.isNaN(cancelled.trainLoss()), cancelled.toString());
    assertTrue(Double.isNaN(cancelled.trainLossMean()), cancelled.toString());
    assertTrue(Double.isNaN(cancelled.validLoss()), cancelled.toString());
    assertFalse(Double.isNaN(learn.recorder().epochs().get(2).validLoss()), "the next epoch records again");
    assertEquals(3, learn.epochsDone(), "an epoch cancelled on purpose counts as done, as in an uninterrupted fit");
  }

  @Test
  void cancellingTheFitMidEpochLeavesThatEpochToBeTrainedOnResume() {
    List<Float> straightOrder = new ArrayList<>();
    Learner straight = TinyProblem.learner(TinyProblem.dls(16, 8, 4, true, 3), dir.resolve("a"),
        recordFirstInputs(1, straightOrder));
    straight.fit(3, 0.2f);

    Learner first = TinyProblem.learner(TinyProblem.dls(16, 8, 4, true, 3), dir.resolve("b"),
        cancelAt(Event.afterBatch, 1, 1, new CancelFitException()),
        Callback.on(Event.afterCancelFit, l -> l.save("mid")));
    first.fit(3, 0.2f);
    assertEquals(1, first.epochsDone(), "epoch 1 stopped after 2 of its 4 batches is not done");
    assertEquals(1, first.recorder().epochs().size());

    List<Float> resumedOrder = new ArrayList<>();
    List<Integer> epochsRun = new ArrayList<>();
    Learner resumed = TinyProblem.learner(TinyProblem.dls(16, 8, 4, true, 3), dir.resolve("b"),
        recordFirstInputs(1, resumedOrder), Callback.on(Event.beforeEpoch, l -> epochsRun.add(l.epoch())));
    resumed.load("mid");
    assertEquals(1, resumed.epochsDone());
    resumed.fit(3, 0.2f);
    assertEquals(List.of(1, 2), epochsRun);
    assertEquals(4, resumedOrder.size(), "all of epoch 1's batches are trained");
    assertEquals(straightOrder, resumedOrder, "in the order epoch 1 had in an uninterrupted run");
    assertEquals(3, resumed.epochsDone());
    assertEquals(List.of(0, 1, 2), resumed.recorder().epochs().stream().map(EpochRecord::epoch).toList());
  }

  /** Adds the first input value of each training batch of epoch {@code epoch} to {@code into}. */
  private static Callback recordFirstInputs(int epoch, List<Float> into) {
    return Callback.on(Event.beforeBatch, l -> {
      if (l.training() && l.epoch() == epoch) into.add(l.xb().getFloat(0, 0));
    });
  }

  @Test
  void fittingOnAnEmptyDatasetIsAnErrorBeforeAnyEpoch() {
    TensorDataset empty = new TensorDataset(Tensor.zeros(0, 2), Tensor.zeros(0, 1));
    DataLoaders some = TinyProblem.dls(8, 4, 4, false, 1);
    List<Event> seen = new ArrayList<>();
    Callback log = Callback.on(Event.beforeFit, l -> seen.add(Event.beforeFit));
    Learner noTrain = TinyProblem.learner(new DataLoaders(DataLoader.builder(empty).build(), some.valid()), dir, log);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> noTrain.fit(1, 0.1f));
    assertTrue(e.getMessage().contains("training loader has no batches"), e.getMessage());
    Learner noValid = TinyProblem.learner(new DataLoaders(some.train(), DataLoader.builder(empty).build()), dir, log);
    e = assertThrows(IllegalArgumentException.class, () -> noValid.fit(1, 0.1f));
    assertTrue(e.getMessage().contains("validation loader has no batches"), e.getMessage());
    DataLoader dropped = DataLoader.builder(TinyProblem.dataset(3, 1)).batchSize(4).dropLast(true).build();
    Learner allDropped = TinyProblem.learner(new DataLoaders(dropped, some.valid()), dir, log);
    e = assertThrows(IllegalArgumentException.class, () -> allDropped.fit(1, 0.1f));
    assertTrue(e.getMessage().contains("dropLast"), e.getMessage());
    assertEquals(List.of(), seen, "no event fired");
    assertThrows(IllegalArgumentException.class, () -> noValid.validate());
    assertThrows(IllegalArgumentException.class, () -> noValid.getPreds());
  }
}
