package dev.jfastai.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Recorder keeps, and the two ways of averaging a metric. */
class RecorderTest {
  @TempDir Path dir;

  @Test
  void sampleWeightedAndBatchMeanAveragesDifferOnAShortLastBatch() {
    // Valid set of 6 rows at bs 4: batches of 4 and 2. A metric worth 1 on the first batch, 0 on the second.
    MetricFunction firstBatchOnly = (pred, y) -> pred.size(0) == 4 ? 1 : 0;
    Metric weighted = Metrics.avg("weighted", firstBatchOnly);
    Metric mean = Metrics.meanOfBatches("mean", firstBatchOnly);
    Learner learn = Learner.builder(TinyProblem.dls(4, 6, 4, false, 1), TinyProblem.model(1))
        .optFunc(dev.jfastai.nn.optim.BasicOptim::new).lossFunc(dev.jfastai.nn.Losses::mnistLoss)
        .metrics(weighted, mean).path(dir).build();
    List<Double> values = learn.validate();
    assertEquals(4.0 / 6.0, values.get(1), 1e-12);
    assertEquals(0.5, values.get(2), 1e-12);
  }

  @Test
  void recordsBatchLossesSmoothedLossesAndOneRowPerEpoch() {
    Learner learn = TinyProblem.learner(TinyProblem.dls(16, 8, 4, true, 2), dir);
    learn.fit(3, 0.2f);
    Recorder r = learn.recorder();
    assertEquals(12, r.losses().size());
    assertEquals(12, r.lrs().size());
    double v = 0;
    for (int i = 0; i < r.losses().size(); i++) {
      v = 0.98 * v + 0.02 * r.losses().get(i);
      assertEquals(v / (1 - Math.pow(0.98, i + 1)), r.smoothLosses().get(i), 1e-9, "fastai's debiased EMA at batch "
          + i);
    }
    assertEquals(3, r.epochs().size());
    EpochRecord last = r.lastEpoch();
    assertEquals(2, last.epoch());
    assertEquals(r.smoothLosses().get(11), last.trainLoss(), 1e-12);
    double meanLast4 = r.losses().subList(8, 12).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertEquals(meanLast4, last.trainLossMean(), 1e-6, "equal batches: the weighted mean is the plain mean");
    assertEquals(learn.validate().get(0), last.validLoss(), 1e-6);
    assertTrue(last.metrics().containsKey("batch_accuracy"));
    assertTrue(last.seconds() >= 0);
    assertEquals(List.of("epoch", "train_loss", "valid_loss", "batch_accuracy", "time"), r.metricNames(learn));
  }

  @Test
  void getPredsReturnsPredictionsAndTargetsForTheWholeLoader() {
    Learner learn = TinyProblem.learner(TinyProblem.dls(4, 10, 4, false, 1), dir);
    Preds p = learn.getPreds();
    assertEquals(10, p.preds().size(0));
    assertEquals(10, p.targets().size(0));
  }

  @Test
  void recorderExportsItsHistoryAsJson() throws Exception {
    Learner learn = TinyProblem.learner(TinyProblem.dls(8, 4, 4, false, 2), dir);
    learn.fit(2, 0.2f);
    com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(learn.recorder().toJson());
    assertEquals(2, json.get("epochs").size());
    assertEquals(1, json.get("epochs").get(1).get("epoch").asInt());
    assertEquals(learn.recorder().lastEpoch().validLoss(), json.get("epochs").get(1).get("validLoss").asDouble(), 0.0);
    assertEquals(learn.recorder().lastEpoch().metrics().get("batch_accuracy"),
        json.get("epochs").get(1).get("metrics").get("batch_accuracy").asDouble(), 0.0);
    assertEquals(4, json.get("losses").size());
    assertEquals(4, json.get("lrs").size());
  }
}
