package dev.jfastai.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jfastai.learner.Learner;
import dev.jfastai.nn.Linear;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.Optimizers;
import dev.jfastai.tensor.Generator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fastai's TrackerCallback semantics: comparison, minDelta, the new-best flag, reset at beforeFit, no-logging fits. */
class TrackerCallbackTest {
  @TempDir Path dir;

  /** The smallest tracker: records the new-best flag of every epoch it takes part in. */
  static final class FlagRecorder extends TrackerCallback {
    final List<Boolean> flags = new ArrayList<>();

    FlagRecorder(Builder b) {
      super(b);
    }

    @Override
    public void afterEpoch(Learner learn) {
      super.afterEpoch(learn);
      if (isRunning()) flags.add(isNewBest());
    }

    static final class Builder extends TrackerCallback.Builder<Builder> {
      @Override
      protected Builder self() {
        return this;
      }
    }
  }

  private Learner onScores(FlagRecorder cb, double... scores) {
    return Learner.builder(TinyLearners.linearData(16, 8, 8, 5L), new Linear(2, 1, new Generator(3)))
        .optFunc(Optimizers.sgd()).lossFunc(Losses::mse).metrics(new ScriptedMetric("score", scores))
        .callbacks(cb).path(dir).build();
  }

  @Test
  void aNewBestMustBeatTheBestByMoreThanMinDeltaInTheInferredDirection() {
    FlagRecorder cb = new FlagRecorder(new FlagRecorder.Builder().monitor("score").minDelta(0.1));
    onScores(cb, 0.5, 0.55, 0.7, 0.65).fit(4, 0.01);
    assertEquals(List.of(true, false, true, false), cb.flags);
    assertEquals(0.7, cb.best().orElseThrow(), 1e-6);
    assertEquals(OptionalInt.of(2), cb.bestEpoch());
    assertEquals(Comparison.HIGHER_IS_BETTER, cb.monitor().comparison());
  }

  @Test
  void nothingTrackedIsEmptyNotASentinel() {
    FlagRecorder cb = new FlagRecorder(new FlagRecorder.Builder().monitor("score"));
    assertEquals(OptionalDouble.empty(), cb.best(), "fastai's inf before any epoch is not a value");
    assertEquals(OptionalInt.empty(), cb.bestEpoch());
    onScores(cb, Double.NaN).fit(1, 0.01);
    assertEquals(OptionalInt.empty(), cb.bestEpoch(), "a NaN score is never a best");
    assertEquals(OptionalInt.empty(), new EarlyStoppingCallback().stoppedEpoch());
    assertEquals(OptionalDouble.empty(), new GradientClip().lastNorm());
  }

  @Test
  void eachFitStartsFromTheWorstUnlessResetOnFitIsOff() {
    FlagRecorder reset = new FlagRecorder(new FlagRecorder.Builder().monitor("score"));
    Learner learn = onScores(reset, 0.9, 0.3);
    learn.fit(1, 0.01);
    learn.fit(1, 0.01);
    assertEquals(List.of(true, true), reset.flags);
    assertEquals(0.3, reset.best().orElseThrow(), 1e-6);

    FlagRecorder keep = new FlagRecorder(new FlagRecorder.Builder().monitor("score").resetOnFit(false));
    Learner again = onScores(keep, 0.9, 0.3);
    again.fit(1, 0.01);
    again.fit(1, 0.01);
    assertEquals(List.of(true, false), keep.flags);
    assertEquals(0.9, keep.best().orElseThrow(), 1e-6);
  }

  @Test
  void sitsOutFitsRunWithoutLogging() {
    FlagRecorder cb = new FlagRecorder(new FlagRecorder.Builder().monitor("score"));
    Learner learn = onScores(cb, 0.4, 0.9, 0.5);
    learn.fit(1, 0.01);
    learn.noLogging(() -> learn.fit(1, 0.01));
    assertEquals(List.of(true), cb.flags);
    assertEquals(0.4, cb.best().orElseThrow(), 1e-6, "the 0.9 of the no-logging fit is not a best");
    learn.fit(1, 0.01);
    assertEquals(List.of(true, true), cb.flags);
  }
}
