package dev.jfastai.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.Multibinder;
import dev.jfastai.callbacks.CsvLogger;
import dev.jfastai.callbacks.EarlyStoppingCallback;
import dev.jfastai.callbacks.ShowGraphCallback;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.data.TensorDataset;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.CallbackBinder;
import dev.jfastai.learner.Event;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.LearnerModule;
import dev.jfastai.learner.Metrics;
import dev.jfastai.nn.Linear;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.BasicOptim;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's "configure a ready-made callback through Guice" module as written (ReadmeSnippetsTest checks). */
class ReadmeGuiceExampleTest {
  @TempDir Path dir;

  /** The README's module, word for word. */
  public static final class TrainingCallbacks extends AbstractModule {
    @Override protected void configure() {
      Multibinder<Callback> callbacks = CallbackBinder.callbacks(binder());
      callbacks.addBinding().toProvider(() -> EarlyStoppingCallback.builder()
          .monitor("batch_accuracy").patience(3).restoreBestWeights(true).build());
      callbacks.addBinding().toProvider(() -> CsvLogger.builder().fileName("runs/history.csv").build());
      callbacks.addBinding().to(ShowGraphCallback.class);
    }
  }

  private Learner learner(Injector injector, double... accuracies) {
    Generator g = new Generator(3);
    Tensor x = Tensor.randn(g, 32, 2);
    Tensor y = x.sum(1, true).gt(0f);
    TensorDataset data = new TensorDataset(x, y);
    int[] call = {0};
    return Learner.builder(DataLoaders.fromDatasets(data, data, 64), new Linear(2, 1, g))
        .optFunc(BasicOptim::new).lossFunc(Losses::mnistLoss)
        .metrics(Metrics.meanOfBatches("batch_accuracy", (pred, target) -> accuracies[call[0]++]))
        .callbacksFrom(injector).path(dir).build();
  }

  @Test
  void earlyStoppingOnAccuracyWithPatienceThreeRestoresTheBestWeightsAndLogsEveryEpoch() throws Exception {
    Injector injector = Guice.createInjector(new LearnerModule(), new TrainingCallbacks());
    // accuracy peaks at epoch 2; epochs 3, 4 and 5 do not improve on it: patience 3 stops the fit after epoch 5
    Learner learn = learner(injector, 0.5, 0.6, 0.7, 0.7, 0.65, 0.7, 0.9, 0.9);
    List<float[]> weights = new ArrayList<>();
    learn.fit(8, 0.1, Callback.on(Event.afterEpoch, l -> weights.add(l.model().parameters().get(0).toFloatArray())));

    assertEquals(6, learn.recorder().epochs().size());
    EarlyStoppingCallback early = learn.callback(EarlyStoppingCallback.class).orElseThrow();
    assertEquals(OptionalInt.of(5), early.stoppedEpoch());
    assertEquals(OptionalInt.of(2), early.bestEpoch());
    assertArrayEquals(weights.get(2), learn.model().parameters().get(0).toFloatArray(), "best weights restored");
    assertEquals(6, CsvLogger.read(dir.resolve("runs/history.csv")).size());
    assertTrue(Files.exists(dir.resolve("loss.png")));
    Learner other = learner(injector, 0.5);
    assertNotSame(early, other.callback(EarlyStoppingCallback.class).orElseThrow(), "one instance per learner");
  }
}
