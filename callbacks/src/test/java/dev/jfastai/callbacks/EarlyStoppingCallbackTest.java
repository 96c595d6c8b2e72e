package dev.jfastai.callbacks;

import static dev.jfastai.callbacks.TensorAsserts.assertSameState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.learner.Callback;
import dev.jfastai.learner.Event;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.Metric;
import dev.jfastai.nn.Linear;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.Optimizers;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyStoppingCallbackTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private EarlyStoppingCallback early(EarlyStoppingCallback.Builder settings) {
    return settings.out(out).build();
  }

  /** Epochs run by a 10-epoch fit whose valid loss follows {@code valid}. */
  private int epochsRunOnValidLoss(EarlyStoppingCallback cb, double... valid) {
    Learner learn = TinyLearners.scripted(dir, ScriptedLoss.validLosses(valid), new Metric[0], cb);
    learn.fit(valid.length, 0.1f);
    return learn.recorder().epochs().size();
  }

  /** A really training learner whose metric {@code score} follows {@code scores}. */
  private Learner trainingOnScores(Callback cb, double... scores) {
    return Learner.builder(TinyLearners.linearData(32, 16, 8, 5L), new Linear(2, 1, new Generator(3)))
        .optFunc(Optimizers.sgd()).lossFunc(Losses::mse).metrics(new ScriptedMetric("score", scores))
        .callbacks(cb).path(dir).build();
  }

  @Test
  void validLossIsLowerIsBetterAndPatienceOneStopsAtTheFirstEpochWithoutImprovement() {
    EarlyStoppingCallback cb = early(EarlyStoppingCallback.builder());
    assertEquals(3, epochsRunOnValidLoss(cb, 1.0, 0.8, 0.9, 0.85, 0.7));
    assertEquals(OptionalInt.of(2), cb.stoppedEpoch());
    assertEquals(OptionalInt.of(1), cb.bestEpoch());
    assertEquals(0.8, cb.best().orElseThrow(), 1e-6);
    assertEquals("No improvement since epoch 1: early stopping\n", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aMetricIsHigherIsBetterAndPatienceCountsEpochsWithoutImprovement() {
    EarlyStoppingCallback cb = early(EarlyStoppingCallback.builder().monitor("accuracy").patience(2));
    Metric acc = new ScriptedMetric("accuracy", 0.5, 0.6, 0.6, 0.55, 0.7, 0.8);
    Learner learn = TinyLearners.scripted(dir, ScriptedLoss.validLosses(1, 1, 1, 1, 1, 1), new Metric[] {acc}, cb);
    learn.fit(6, 0.1f);
    assertEquals(4, learn.recorder().epochs().size());
    assertEquals(OptionalInt.of(3), cb.stoppedEpoch());
    assertEquals(OptionalInt.of(1), cb.bestEpoch());
  }

  @Test
  void minDeltaIgnoresSmallImprovements() {
    EarlyStoppingCallback strict = EarlyStoppingCallback.builder().minDelta(0.1).patience(2).build();
    assertEquals(3, epochsRunOnValidLoss(strict, 1.0, 0.95, 0.93, 0.8));
    EarlyStoppingCallback lenient = EarlyStoppingCallback.builder().patience(2).build();
    assertEquals(4, epochsRunOnValidLoss(lenient, 1.0, 0.95, 0.93, 0.8));
  }

  @Test
  void anExplicitComparisonOverridesTheName() {
    EarlyStoppingCallback cb = EarlyStoppingCallback.builder().comparison(Comparison.HIGHER_IS_BETTER).build();
    assertEquals(2, epochsRunOnValidLoss(cb, 1.0, 0.9, 0.8));
  }

  @Test
  void infersTheDirectionFromTheNameAsFastaiDoes() {
    assertEquals(Comparison.LOWER_IS_BETTER, Comparison.infer("valid_loss"));
    assertEquals(Comparison.LOWER_IS_BETTER, Comparison.infer("train_loss"));
    assertEquals(Comparison.LOWER_IS_BETTER, Comparison.infer("error_rate"));
    assertEquals(Comparison.HIGHER_IS_BETTER, Comparison.infer("accuracy"));
    assertEquals(Comparison.HIGHER_IS_BETTER, Comparison.infer("batch_accuracy"));
  }

  @Test
  void eachFitStartsFromAFreshBest() {
    EarlyStoppingCallback cb = early(EarlyStoppingCallback.builder());
    Learner learn = TinyLearners.scripted(dir, ScriptedLoss.validLosses(0.5, 0.4, 0.9, 0.8), new Metric[0], cb);
    learn.fit(2, 0.1f);
    learn.fit(2, 0.1f); // 0.9 is worse than the first fit's 0.4 but starts this fit's history
    assertEquals(2, learn.recorder().epochs().size());
    assertEquals(OptionalInt.empty(), cb.stoppedEpoch());
  }

  @Test
  void aBaselineMustBeBeatenToRestartTheWait() {
    EarlyStoppingCallback cb = early(EarlyStoppingCallback.builder().monitor("accuracy").patience(2)
        .baseline(0.68));
    Metric acc = new ScriptedMetric("accuracy", 0.5, 0.6, 0.65, 0.7);
    Learner learn = TinyLearners.scripted(dir, ScriptedLoss.validLosses(1, 1, 1, 1), new Metric[] {acc}, cb);
    learn.fit(4, 0.1f);
    assertEquals(2, learn.recorder().epochs().size());
    assertEquals(OptionalInt.of(1), cb.bestEpoch(), "improvements are still tracked");
  }

  @Test
  void epochsBeforeStartFromEpochAreIgnored() {
    EarlyStoppingCallback late = early(EarlyStoppingCallback.builder().startFromEpoch(3));
    assertEquals(6, epochsRunOnValidLoss(late, 1.0, 1.1, 1.2, 1.3, 1.0, 1.1));
    assertEquals(OptionalInt.of(5), late.stoppedEpoch());
    assertEquals(2, epochsRunOnValidLoss(early(EarlyStoppingCallback.builder()), 1.0, 1.1, 1.2, 1.3, 1.0, 1.1));
  }

  @Test
  void restoresTheBestWeightsWhenAsked() {
    List<Map<String, Tensor>> weights = new ArrayList<>();
    Callback snapshot = Callback.on(Event.afterEpoch, l -> weights.add(l.model().stateDict()));
    EarlyStoppingCallback cb = early(EarlyStoppingCallback.builder().monitor("score").patience(2)
        .restoreBestWeights(true));
    Learner learn = trainingOnScores(cb, 0.1, 0.9, 0.3, 0.2, 0.95);
    learn.fit(5, 0.05f, snapshot);
    assertEquals(4, weights.size());
    assertSameState(weights.get(1), learn.model().stateDict());
  }

  @Test
  void anUnknownMonitorIsReportedWithTheAvailableColumns() {
    EarlyStoppingCallback cb = early(EarlyStoppingCallback.builder().monitor("acuracy"));
    Learner learn = trainingOnScores(cb, 0.1);
    RuntimeException e = assertThrows(RuntimeException.class, () -> learn.fit(1, 0.1f));
    String message = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    assertTrue(message.contains("'acuracy'") && message.contains("[train_loss, valid_loss, score]"), message);
  }

  /**
   * Scores 0.6, 0.5, 0.55, 0.58 with patience 3: the uninterrupted run stops after epoch 3 and restores epoch 0's
   * weights. Stopped after epoch 1 and resumed from the checkpoint saved then, a fresh callback must do the same.
   */
  @Test
  void itsStateSurvivesASaveAndResume() {
    double[] scores = {0.6, 0.5, 0.55, 0.58, 0.9, 0.95};
    EarlyStoppingCallback.Builder settings = EarlyStoppingCallback.builder().monitor("score").patience(3)
        .restoreBestWeights(true).verbose(false);

    EarlyStoppingCallback whole = early(settings);
    Learner uninterrupted = trainingOnScores(whole, scores);
    uninterrupted.fit(6, 0.05f);
    assertEquals(OptionalInt.of(3), whole.stoppedEpoch());

    List<Map<String, Tensor>> weights = new ArrayList<>();
    Learner first = trainingOnScores(early(settings), scores);
    first.fit(2, 0.05f, SaveModelCallback.builder().everyEpoch(true).fileName("ck").build(),
        Callback.on(Event.afterEpoch, l -> weights.add(l.model().stateDict())));

    EarlyStoppingCallback resumedCb = early(settings);
    Learner resumed = trainingOnScores(resumedCb, 0.55, 0.58, 0.9, 0.95);
    resumed.load("ck_1");
    assertEquals(OptionalInt.of(0), resumedCb.bestEpoch());
    assertEquals(1, resumedCb.waitCount());
    resumed.fit(6, 0.05f);

    assertEquals(OptionalInt.of(3), resumedCb.stoppedEpoch());
    assertEquals(4, resumed.recorder().epochs().size());
    assertSameState(weights.get(0), resumed.model().stateDict());
    assertSameState(uninterrupted.model().stateDict(), resumed.model().stateDict());
  }
}
