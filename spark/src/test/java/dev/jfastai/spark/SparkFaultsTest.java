package dev.jfastai.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.callbacks.CsvLogger;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.CancelFitException;
import dev.jfastai.learner.Event;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.SGD;
import dev.jfastai.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A retried task recomputes the same bits, and a checkpoint resumes like the Learner's. */
class SparkFaultsTest {
  /** Armed by the test: the first attempt of one partition's round that sees it throws, the retry goes through. */
  private static final AtomicBoolean FAIL_ONCE = new AtomicBoolean();
  private static final AtomicBoolean FAILED = new AtomicBoolean();

  private static SparkLearnerBuilder builder(SparkLossFunction loss, Path dir) {
    JavaRDD<Sample> train = SparkTestData.spark().parallelize(SparkTestData.samples(160, 3), 2);
    JavaRDD<Sample> valid = SparkTestData.spark().parallelize(SparkTestData.samples(48, 4), 2);
    // momentum and averaging every 3 local steps: the optimizer state travels too
    return SparkLearner.builder(SparkTestData.spark(), train, valid, SparkTestData.model())
        .optFunc((params, lr) -> SGD.builder(params, lr).momentum(0.9).build()).lossFunc(loss)
        .metrics(SparkMetric.batchAccuracy()).batchSize(8).syncEvery(3).targetsAsColumn(true).seed(11).path(dir);
  }

  /** mnist_loss that fails the first attempt of partition 1 once armed. */
  private static Tensor failingLoss(Tensor pred, Tensor target) {
    TaskContext task = TaskContext.get();
    if (task != null && task.partitionId() == 1 && task.attemptNumber() == 0 && FAIL_ONCE.getAndSet(false)) {
      FAILED.set(true);
      throw new IllegalStateException("injected failure of the first attempt");
    }
    return Losses.mnistLoss(pred, target);
  }

  @Test
  void aRetriedTaskGivesBitIdenticalWeights(@TempDir Path dir) {
    SparkLearner clean = builder(Losses::mnistLoss, dir).build();
    clean.fit(3, 0.1);
    SparkLearner retried = builder(SparkFaultsTest::failingLoss, dir).build();
    // the first round of epoch 1 fails once on partition 1; Spark retries the task (local[2,4])
    retried.fit(3, 0.1, Callback.on(Event.beforeEpoch, l -> FAIL_ONCE.set(l.epoch() == 1)));
    assertTrue(FAILED.get(), "the injected failure happened");
    assertFalse(FAIL_ONCE.get());
    SparkLearnerTest.assertSameBits(clean.model(), retried.model());
    clean.close();
    retried.close();
  }

  @Test
  void aCheckpointResumesWhereItStopped(@TempDir Path dir) throws Exception {
    SparkLearner straight = builder(Losses::mnistLoss, dir.resolve("a")).callbacks(new CsvLogger()).build();
    straight.fit(4, 0.1);
    SparkLearner first = builder(Losses::mnistLoss, dir.resolve("b")).build();
    first.fit(4, 0.1, Callback.on(Event.afterEpoch, 100, l -> { // after the Recorder (50) wrote the epoch
      if (l.epoch() == 1) {
        l.save("half");
        throw new CancelFitException();
      }
    }));
    SparkLearner resumed = builder(Losses::mnistLoss, dir.resolve("b")).build().load("half");
    resumed.fit(4, 0.1);
    SparkLearnerTest.assertSameBits(straight.model(), resumed.model());
    assertEquals(4, resumed.recorder().epochs().size());
    List<String> csv = Files.readAllLines(dir.resolve("a/history.csv"));
    assertEquals(5, csv.size(), "header and one row per epoch: " + csv);
    assertTrue(csv.get(0).contains("batch_accuracy"), csv.get(0));
    straight.close();
    first.close();
    resumed.close();
  }
}
