package com.example.consumer;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.jfastai.callbacks.CsvLogger;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.data.TensorDataset;
import dev.jfastai.learner.EpochRecord;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.LearnerModule;
import dev.jfastai.learner.Metrics;
import dev.jfastai.nn.Linear;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.ReLU;
import dev.jfastai.nn.Sequential;
import dev.jfastai.nn.optim.Optimizers;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a small MLP to tell points inside a circle from points outside, on data it draws itself, with its own
 * Guice-registered callback; exits with status 1 unless the model learned and the callback took part.
 */
public final class ConsumerMain {
  private static final double TARGET = 0.95;
  private static final int MAX_EPOCHS = 30;

  private ConsumerMain() {}

  public static void main(String[] args) throws IOException {
    Generator g = new Generator(7);
    DataLoaders dls = DataLoaders.fromDatasets(circle(g, 2000), circle(g, 500), 64, new Generator(8));
    Sequential model = new Sequential(new Linear(2, 32, g), new ReLU(), new Linear(32, 1, g));

    Injector injector = Guice.createInjector(new LearnerModule(), new ConsumerModule(TARGET));
    Learner learn = Learner.builder(dls, model)
        .optFunc(Optimizers.adam())
        .lossFunc(Losses::bceWithLogits)
        .metrics(Metrics.avg("accuracy", Metrics::binaryAccuracy))
        .callbacksFrom(injector)
        .path(Files.createTempDirectory("jfastai-consumer"))
        .build();
    learn.fit(MAX_EPOCHS, 1e-2);

    List<String> failures = new ArrayList<>();
    StopAtAccuracyCallback stopper = learn.callback(StopAtAccuracyCallback.class)
        .orElseThrow(() -> new AssertionError("the Guice-bound callback is not on the learner"));
    List<EpochRecord> epochs = learn.recorder().epochs();
    double accuracy = epochs.get(epochs.size() - 1).value("accuracy");
    System.out.printf("consumer: %d epochs, valid accuracy %.4f, stopped early: %s%n", epochs.size(), accuracy,
        stopper.stopped());
    if (stopper.epochsSeen() != epochs.size()) {
      failures.add("callback saw " + stopper.epochsSeen() + " epochs, the recorder has " + epochs.size());
    }
    Path history = learn.path().resolve("history.csv");
    int rows = CsvLogger.read(history).size();
    if (rows != epochs.size()) failures.add(history + " has " + rows + " rows for " + epochs.size() + " epochs");
    if (!stopper.stopped() || accuracy < TARGET) {
      failures.add("expected to reach accuracy " + TARGET + " within " + MAX_EPOCHS + " epochs, got " + accuracy);
    }
    if (!failures.isEmpty()) {
      failures.forEach(f -> System.err.println("consumer check failed: " + f));
      System.exit(1);
    }
  }

  /** {@code n} points uniform in [-1, 1]^2, labelled 1 inside the circle of radius 0.7 and 0 outside. */
  static TensorDataset circle(Generator g, int n) {
    Tensor x = Tensor.uniform(g, -1f, 1f, n, 2);
    Tensor y = x.mul(x).sum(1, true).lt(0.49f);
    return new TensorDataset(x, y);
  }
}
