package dev.jfastai.callbacks;

import static dev.jfastai.callbacks.TensorAsserts.assertSameState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jfastai.learner.EpochRecord;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.Metric;
import dev.jfastai.nn.optim.Optimizers;
import dev.jfastai.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LRFinderTest {
  @TempDir Path dir;

  private Learner shuffledRegression(Path path) {
    return TinyLearners.regression(path, TinyLearners.linearData(32, 16, 8, 99L), Optimizers.sgd(o -> o.momentum(0.9)));
  }

  @Test
  void sweepsTheLearningRateExponentiallyFromStartLr() {
    JsonNode schedule = Fixtures.json("lr_suggestions.json").get("schedule");
    List<Double> expected = Fixtures.doubles(schedule.get("lrs"));
    LRFindResult result = LRFinder.builder().stopDiv(false).build().run(shuffledRegression(dir));
    assertEquals(100, result.lrs().size());
    for (int i = 0; i < 100; i++) assertEquals(expected.get(i), result.lrs().get(i), 1e-12 * expected.get(i), "lr "
        + i);
    assertTrue(result.losses().stream().allMatch(l -> l > 0));
  }

  @Test
  void stopsWhenTheSmoothedLossPassesFourTimesItsBest() {
    double[] script = new double[20];
    Arrays.fill(script, 1.0);
    Arrays.fill(script, 10, 20, 100.0); // batch 11's smoothed loss is about 10.9, over 4 x 1.0
    Learner learn = TinyLearners.scripted(dir, ScriptedLoss.of(script), new Metric[0]);
    assertEquals(11, LRFinder.builder().startLr(1e-5).endLr(1).numIt(20).build().run(learn).lrs().size());

    Learner patient = TinyLearners.scripted(dir, ScriptedLoss.of(script), new Metric[0]);
    LRFinder noStop = LRFinder.builder().startLr(1e-5).endLr(1).numIt(20).stopDiv(false).build();
    assertEquals(20, noStop.run(patient).lrs().size());
  }

  @Test
  void putsEverythingBackSoTrainingContinuesAsIfItNeverRan() {
    Learner probed = shuffledRegression(dir.resolve("a"));
    Learner plain = shuffledRegression(dir.resolve("b"));
    probed.fit(2, 0.05f);
    plain.fit(2, 0.05f);

    Map<String, Tensor> weights = probed.model().stateDict();
    Map<String, Tensor> optState = probed.opt().stateDict();
    List<EpochRecord> epochs = List.copyOf(probed.recorder().epochs());
    List<Double> losses = List.copyOf(probed.recorder().losses());
    long order = probed.dls().train().generator().orElseThrow().state();
    LRFinder.lrFind(probed);

    assertSameState(weights, probed.model().stateDict());
    assertSameState(optState, probed.opt().stateDict());
    assertEquals(epochs, probed.recorder().epochs());
    assertEquals(losses, probed.recorder().losses());
    assertEquals(order, probed.dls().train().generator().orElseThrow().state());
    assertEquals(2, probed.epochsDone());
    assertEquals(0, probed.startEpoch());

    probed.fit(3, 0.05f);
    plain.fit(3, 0.05f);
    assertEquals(3, probed.recorder().epochs().size());
    assertSameState(plain.model().stateDict(), probed.model().stateDict());
  }

  @Test
  void aResumedLearnerStillResumesAfterTheSweep() {
    Learner first = shuffledRegression(dir);
    first.fit(2, 0.05f);
    first.save("ck");
    Learner probed = shuffledRegression(dir).load("ck");
    Learner plain = shuffledRegression(dir).load("ck");
    LRFinder.builder().startLr(1e-6).endLr(1).numIt(12).build().run(probed);
    probed.fit(4, 0.05f);
    plain.fit(4, 0.05f);
    assertEquals(4, probed.recorder().epochs().size());
    assertSameState(plain.model().stateDict(), probed.model().stateDict());
  }

  @Test
  void aFreshLearnerGetsAFreshOptimizerBack() {
    Learner probed = shuffledRegression(dir.resolve("a"));
    Learner plain = shuffledRegression(dir.resolve("b"));
    LRFinder.builder().startLr(1e-4).endLr(1).numIt(10).build().run(probed);
    probed.fit(2, 0.05f);
    plain.fit(2, 0.05f);
    assertSameState(plain.model().stateDict(), probed.model().stateDict());
  }

  @Test
  void leavesNoFilesAndKeepsLoggersAndTrackersOut() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EarlyStoppingCallback early = EarlyStoppingCallback.builder().patience(1).out(new PrintStream(bytes)).build();
    Learner learn = TinyLearners.regression(dir,
        ProgressCallback.builder().out(new PrintStream(bytes, true, StandardCharsets.UTF_8)).build(),
        new CsvLogger(), new JsonLinesLogger(), new ShowGraphCallback(), early, new SaveModelCallback());
    LRFinder.builder().startLr(1e-5).endLr(1).numIt(30).stopDiv(false).build().run(learn);
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.toList(), "no logs, plots, checkpoints or temporary files");
    }
    assertEquals(OptionalInt.empty(), early.bestEpoch());
    assertTrue(learn.isLogging());
  }

  @Test
  void suggestionsMatchFastais() {
    for (JsonNode c : Fixtures.json("lr_suggestions.json").get("curves")) {
      List<Double> lrs = Fixtures.doubles(c.get("lrs"));
      List<Double> losses = Fixtures.doubles(c.get("losses"));
      LRFindResult r = LRFindResult.of(lrs, losses, c.get("numIt").asInt());
      String name = c.get("name").asText();
      assertClose(Fixtures.number(c.get("minimum")), r.minimum().orElse(Double.NaN), name + " minimum");
      assertClose(Fixtures.number(c.get("steep")), r.steep().orElse(Double.NaN), name + " steep");
      assertClose(Fixtures.number(c.get("valley")), r.valley().orElse(Double.NaN), name + " valley");
    }
  }

  private static void assertClose(double expected, double actual, String what) {
    if (Double.isNaN(expected)) {
      assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
    } else {
      assertEquals(expected, actual, 1e-6 * Math.abs(expected), what); // fastai works in float32
    }
  }
}
