package dev.jfastai.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.data.DataLoaders;
import dev.jfastai.nn.Dropout;
import dev.jfastai.nn.Linear;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.Sequential;
import dev.jfastai.nn.optim.BasicOptim;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.NoGrad;
import dev.jfastai.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prediction service: predict, predictBatch and getPreds from eight threads on one learner whose model has
 * Dropout and BatchNorm-like running statistics give exactly the single-threaded eval results, and leave the
 * model's mode and statistics as they were.
 */
class ConcurrentPredictionTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 40;

  @TempDir Path dir;

  /**
   * Like BatchNorm: in training mode normalises by the batch mean and updates a running mean; else uses it. It
   * pauses a little in each forward pass, so that the threads' predictions overlap.
   */
  static final class RunningMean extends Module {
    private final Tensor runningMean;

    RunningMean(int features) {
      runningMean = registerBuffer("running_mean", Tensor.zeros(features));
    }

    @Override
    public Tensor forward(Tensor input) {
      LockSupport.parkNanos(100_000);
      if (!isTraining()) return input.sub(runningMean);
      Tensor mean = input.mean(0);
      try (NoGrad ignored = Tensor.noGrad()) {
        runningMean.mulInPlace(0.9f).addInPlace(mean.detach(), 0.1f);
      }
      return input.sub(mean);
    }
  }

  private Learner learner(RunningMean stats) {
    Generator g = new Generator(3);
    Module model = new Sequential(new Linear(2, 16, true, g), new Dropout(0.5f, g), stats, new Linear(16, 1, true, g));
    DataLoaders dls = TinyProblem.dls(32, 24, 8, false, 5);
    return Learner.builder(dls, model).optFunc(BasicOptim::new).lossFunc(Losses::mnistLoss).path(dir).build();
  }

  @Test
  void predictionsFromEightThreadsEqualSingleThreadedEvalAndLeaveTheModelAsItWas() throws Exception {
    RunningMean stats = new RunningMean(16);
    Learner learn = learner(stats);
    learn.fit(1, 0.1f); // running statistics that are not zero
    learn.model().train(); // a model left in training mode must stay so
    float[] statsBefore = stats.runningMean.toFloatArray();

    Tensor inputs = Tensor.randn(new Generator(9), 64, 2);
    List<float[]> expectedItems = new ArrayList<>();
    for (int i = 0; i < inputs.size(0); i++) expectedItems.add(learn.predict(inputs.get(i)).toFloatArray());
    float[] expectedBatch = learn.predictBatch(inputs).toFloatArray();
    float[] expectedPreds = learn.getPreds().preds().toFloatArray();
    assertTrue(learn.model().isTraining(), "single-threaded calls leave the mode too");

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int id = t;
        done.add(pool.submit(() -> {
          for (int r = 0; r < ROUNDS; r++) {
            int i = (id * ROUNDS + r) % inputs.size(0);
            assertArrayEquals(expectedItems.get(i), learn.predict(inputs.get(i)).toFloatArray(), "item " + i);
            if (r % 4 == 0) assertArrayEquals(expectedBatch, learn.predictBatch(inputs).toFloatArray());
            if (r % 10 == id % 10) assertArrayEquals(expectedPreds, learn.getPreds().preds().toFloatArray());
          }
          return null;
        }));
      }
      for (Future<?> f : done) f.get();
    } finally {
      pool.shutdownNow();
    }
    assertTrue(learn.model().isTraining(), "the model's own mode is unchanged");
    for (Module m : learn.model().namedChildren().values()) assertTrue(m.isTraining(), m.toString());
    assertArrayEquals(statsBefore, stats.runningMean.toFloatArray(), "running statistics unchanged");
  }

  @Test
  void anEvalModeScopeIsConfinedToItsThread() throws Exception {
    Module model = new Dropout(0.5f);
    try (var ignored = Module.evalMode()) {
      assertTrue(!model.isTraining());
      boolean[] seenElsewhere = new boolean[1];
      Thread other = new Thread(() -> seenElsewhere[0] = model.isTraining());
      other.start();
      other.join();
      assertTrue(seenElsewhere[0], "another thread still sees training mode");
    }
    assertTrue(model.isTraining());
  }
}
