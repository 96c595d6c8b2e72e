package dev.jfastai.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.data.DataLoaders;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.OptimizerFactory;
import dev.jfastai.nn.optim.Optimizers;
import dev.jfastai.tensor.Tensor;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** save/load keep model, optimizer, data order, recorder and callback state: a resumed run ends bit-identical. */
class ResumeTest {
  @TempDir Path dir;

  /** Counts epochs seen; its count must survive a checkpoint. */
  static final class EpochCounter implements StatefulCallback {
    int seen;

    @Override
    public void afterEpoch(Learner learn) {
      seen++;
    }

    @Override
    public Map<String, Object> stateDict() {
      return Map.of("seen", seen);
    }

    @Override
    public void loadStateDict(Map<String, Object> state) {
      seen = ((Number) state.get("seen")).intValue();
    }
  }

  private Learner learner(Path path, OptimizerFactory opt, Callback... callbacks) {
    DataLoaders dls = TinyProblem.dls(40, 8, 8, true, 3); // shuffled: the data order must resume too
    return Learner.builder(dls, TinyProblem.model(5)).optFunc(opt).lossFunc(Losses::mnistLoss)
        .metrics(Metrics.batchAccuracy()).callbacks(callbacks).path(path).build();
  }

  private static List<float[]> weights(Learner learn) {
    return learn.model().parameters().stream().map(Tensor::toFloatArray).toList();
  }

  @Test
  void aRunStoppedAfterEpochKAndResumedEndsWithTheSameWeights() {
    // momentum buffers must be restored too
    OptimizerFactory sgd = Optimizers.sgd(o -> o.momentum(0.9).weightDecay(0.01));
    Learner straight = learner(dir.resolve("a"), sgd);
    straight.fit(5, 0.1f);

    EpochCounter counter = new EpochCounter();
    Callback stopAfterTwo = Callback.on(Event.afterEpoch, 100, l -> {
      if (l.epoch() == 1) {
        l.save("ckpt");
        throw new CancelFitException();
      }
    });
    Learner first = learner(dir.resolve("b"), sgd, counter, stopAfterTwo);
    first.fit(5, 0.1f);
    assertEquals(2, first.recorder().epochs().size());

    EpochCounter resumedCounter = new EpochCounter();
    Learner resumed = learner(dir.resolve("b"), sgd, resumedCounter);
    resumed.load("ckpt");
    assertEquals(2, resumed.epochsDone());
    assertEquals(2, resumedCounter.seen);
    resumed.fit(5, 0.1f);

    List<float[]> expected = weights(straight);
    List<float[]> actual = weights(resumed);
    for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.get(i), actual.get(i), "parameter " + i);
    assertEquals(5, resumed.recorder().epochs().size());
    assertEquals(5, resumedCounter.seen);
    assertEquals(straight.recorder().lastEpoch().orElseThrow().validLoss(),
        resumed.recorder().lastEpoch().orElseThrow().validLoss(), 0.0);
  }

  @Test
  void saveWritesThreeFilesAtomicallyAndLoadRejectsMissingWeights() throws Exception {
    Learner learn = learner(dir, Optimizers.sgd(o -> o.momentum(0.9)));
    learn.fit(1, 0.1f);
    learn.save("model");
    Path models = dir.resolve("models");
    assertTrue(Files.exists(models.resolve("model.safetensors")));
    assertTrue(Files.exists(models.resolve("model.opt.safetensors")));
    assertTrue(Files.exists(models.resolve("model.json")));
    try (var files = Files.list(models)) {
      assertEquals(3, files.count(), "no temp files left behind");
    }
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> learner(dir, Optimizers.sgd(o -> o.momentum(0.9))).load("nope"));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void loadingCopiesWeightsIntoTheModel() {
    Learner trained = learner(dir, Optimizers.sgd());
    trained.fit(2, 0.5f);
    trained.save("w");
    Learner other = learner(dir, Optimizers.sgd());
    other.load("w");
    Map<String, float[]> a = new HashMap<>();
    trained.model().namedParameters().forEach((k, v) -> a.put(k, v.toFloatArray()));
    other.model().namedParameters().forEach((k, v) -> assertArrayEquals(a.get(k), v.toFloatArray(), k));
  }

  @Test
  void fittingFewerEpochsThanALoadedCheckpointHoldsTrainsAFreshFit() {
    Learner learn = learner(dir, Optimizers.sgd());
    learn.fit(3, 0.1f);
    learn.save("done");
    Learner again = learner(dir, Optimizers.sgd());
    again.load("done");
    again.fit(2, 0.1f);
    assertEquals(2, again.recorder().epochs().size(), "a new fit of 2 epochs, not a no-op resume");
    again.load("done");
    again.resetProgress();
    again.fit(4, 0.1f);
    assertEquals(4, again.recorder().epochs().size());
  }
}
