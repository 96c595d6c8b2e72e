package dev.jfastai.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.data.DataLoaders;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.Event;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.Metrics;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.optim.SGD;
import dev.jfastai.spark.examples.LocalBaseline;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

/** Training on local Spark equals single-process training, validates like it, and fires the Learner's events. */
class SparkLearnerTest {
  private static final int PARTITIONS = 2;
  private static final int LOCAL_BATCH = 8;

  @Test
  void syncEveryOneWithPlainSgdEqualsOneProcessWithTheCombinedBatch() {
    List<Sample> samples = SparkTestData.samples(192, 1);
    JavaRDD<Sample> train = SparkTestData.spark().parallelize(samples, PARTITIONS);
    JavaRDD<Sample> valid = SparkTestData.spark().parallelize(SparkTestData.samples(64, 2), PARTITIONS);
    List<Event> events = new ArrayList<>();
    List<Callback> spies = new ArrayList<>();
    for (Event e : Event.values()) spies.add(Callback.on(e, l -> events.add(e)));
    try (SparkLearner spark = SparkLearner.builder(SparkTestData.spark(), train, valid, SparkTestData.model())
        .optFunc(SGD::new).lossFunc(Losses::mnistLoss).metrics(SparkMetric.batchAccuracy())
        .callbacks(spies.toArray(new Callback[0]))
        .batchSize(LOCAL_BATCH).shuffle(false).targetsAsColumn(true).build()) {
      spark.fit(3, 0.5);

      // the same samples, each round's partitions side by side: partition p holds rows [p*96, (p+1)*96)
      List<Sample> ordered = new ArrayList<>();
      int perPartition = samples.size() / PARTITIONS;
      for (int r = 0; r < perPartition / LOCAL_BATCH; r++) {
        for (int p = 0; p < PARTITIONS; p++) {
          int start = p * perPartition + r * LOCAL_BATCH;
          ordered.addAll(samples.subList(start, start + LOCAL_BATCH));
        }
      }
      Learner local = Learner.builder(new DataLoaders(LocalBaseline.loader(ordered, PARTITIONS * LOCAL_BATCH),
              LocalBaseline.loader(SparkTestData.samples(64, 2), 256)), SparkTestData.model().create())
          .optFunc(SGD::new).lossFunc(Losses::mnistLoss).metrics(Metrics.avg("batch_accuracy", Metrics::binaryAccuracy))
          .build();
      local.fit(3, 0.5f);

      assertClose(local.model().stateDict(), spark.model().stateDict(), 1e-6);
      assertEquals(3 * 12, spark.roundStats().rounds());
      List<Event> round = List.of(Event.beforeBatch, Event.afterPred, Event.afterLoss, Event.beforeBackward,
          Event.afterBackward, Event.beforeStep, Event.afterStep, Event.afterBatch);
      List<Event> epoch = new ArrayList<>(List.of(Event.beforeEpoch, Event.beforeTrain));
      for (int r = 0; r < 12; r++) epoch.addAll(round);
      epoch.addAll(List.of(Event.afterTrain, Event.beforeValidate, Event.beforeBatch, Event.afterPred, Event.afterLoss,
          Event.afterBatch, Event.afterValidate, Event.afterEpoch));
      List<Event> expected = new ArrayList<>(List.of(Event.beforeFit));
      for (int e = 0; e < 3; e++) expected.addAll(epoch);
      expected.add(Event.afterFit);
      assertEquals(expected, events, "the Learner's events, one batch per round and one per validation");
      assertEquals(36, spark.recorder().losses().size());
      for (int i = 0; i < 36; i++) {
        assertEquals(local.recorder().losses().get(i), spark.recorder().losses().get(i), 1e-6, "loss of round " + i);
      }
      List<Double> distributed = spark.validate();
      List<Double> single = local.validate();
      assertEquals(single.get(0), distributed.get(0), 1e-6);
      assertEquals(single.get(1), distributed.get(1), 1e-9);
      assertTrue(distributed.get(1) > 0.9, "accuracy " + distributed.get(1));
    }
  }

  static void assertClose(Map<String, Tensor> expected, Map<String, Tensor> actual, double tolerance) {
    assertEquals(expected.keySet(), actual.keySet());
    for (String key : expected.keySet()) {
      float[] e = expected.get(key).toFloatArray();
      float[] a = actual.get(key).toFloatArray();
      assertEquals(e.length, a.length, key);
      for (int i = 0; i < e.length; i++) assertEquals(e[i], a[i], tolerance, key + "[" + i + "]");
    }
  }

  static void assertSameBits(Module expected, Module actual) {
    Map<String, Tensor> e = expected.stateDict();
    Map<String, Tensor> a = actual.stateDict();
    assertEquals(e.keySet(), a.keySet());
    for (String key : e.keySet()) assertArrayEquals(e.get(key).toFloatArray(), a.get(key).toFloatArray(), 0f, key);
  }
}
