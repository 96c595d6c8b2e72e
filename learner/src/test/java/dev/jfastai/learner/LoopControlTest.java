package dev.jfastai.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.jfastai.nn.LossFunction;
import dev.jfastai.nn.optim.BasicOptim;
import dev.jfastai.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Callbacks that steer the loop (lr, skipping, stopping) and what happens on ordinary exceptions. */
class LoopControlTest {
  @TempDir Path dir;

  @Test
  void aCallbackCanChangeTheLearningRateMidFit() {
    Callback halveEachEpoch = Callback.on(Event.beforeEpoch, l -> l.opt().setLr(l.opt().lr() / 2));
    Learner learn = TinyProblem.learner(TinyProblem.dls(8, 4, 4, false, 1), dir, halveEachEpoch);
    learn.fit(2, 0.4f);
    // Two batches an epoch: 0.2 then 0.1, as the recorder saw them.
    assertEquals(List.of(0.2, 0.2, 0.1, 0.1), learn.recorder().lrs().stream().map(v ->
        Math.round(v * 1e6) / 1e6).toList());
  }

  @Test
  void skippingEveryBatchLeavesTheWeightsUntouched() {
    Callback skip = Callback.on(Event.beforeBatch, l -> {
      if (l.training()) throw new CancelBatchException();
    });
    Learner learn = TinyProblem.learner(TinyProblem.dls(8, 4, 4, true, 1), dir, skip);
    float[] before = learn.model().parameters().get(0).toFloatArray();
    learn.fit(2, 0.5f);
    assertArrayEquals(before, learn.model().parameters().get(0).toFloatArray());
    assertTrue(learn.recorder().losses().isEmpty());
  }

  @Test
  void skippingOneStepLeavesTheWeightsUnchangedForThatBatchOnly() {
    List<Integer> changed = new ArrayList<>();
    List<Integer> cancelled = new ArrayList<>();
    float[][] before = new float[1][];
    Callback skipSecond = Callback.on(Event.beforeStep, l -> {
      if (l.iter() == 1) throw new CancelStepException();
    });
    Callback snapshot = Callback.on(Event.beforeBatch, l -> before[0] = l.model().parameters().get(0).toFloatArray());
    Callback compare = Callback.on(Event.afterBatch, l -> {
      if (l.training() && !java.util.Arrays.equals(before[0],
          l.model().parameters().get(0).toFloatArray())) changed.add(l.iter());
    });
    Callback onCancel = Callback.on(Event.afterCancelStep, l -> cancelled.add(l.iter()));
    TinyProblem.learner(TinyProblem.dls(12, 4, 4, false, 1), dir, skipSecond, snapshot, compare, onCancel).fit(1, 0.1f);
    assertEquals(List.of(0, 2), changed);
    assertEquals(List.of(1), cancelled);
  }

  @Test
  void aCallbackCanStopTheFit() {
    // Ordered after the Recorder (50), as fastai's trackers are, so the epoch is recorded before the fit stops.
    Callback stopAfterFirst = Callback.on(Event.afterEpoch, 60, l -> {
      throw new CancelFitException("enough");
    });
    Learner learn = TinyProblem.learner(TinyProblem.dls(8, 4, 4, false, 1), dir, stopAfterFirst);
    learn.fit(5, 0.1f);
    assertEquals(1, learn.recorder().epochs().size());
    assertEquals(1, learn.epochsDone());
  }

  @Test
  void extraCallbacksTakePartInOneFitOnly() {
    Callback once = mock(Callback.class);
    Learner learn = TinyProblem.learner(TinyProblem.dls(4, 4, 4, false, 1), dir);
    learn.fit(1, 0.1f, once);
    assertFalse(learn.callbacks().contains(once));
    verify(once).afterFit(learn);
  }

  @Test
  void anExceptionInTheModelFiresOnErrorThenPropagatesUnchanged() {
    IllegalStateException boom = new IllegalStateException("boom");
    LossFunction failing = (pred, target) -> {
      throw boom;
    };
    Callback watcher = mock(Callback.class);
    Learner learn = Learner.builder(TinyProblem.dls(4, 4, 4, false, 1), TinyProblem.model(1)).optFunc(BasicOptim::new)
        .lossFunc(failing).callbacks(watcher).path(dir).build();
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> learn.fit(1, 0.1f));
    assertSame(boom, thrown);
    verify(watcher).onError(same(learn), same(boom));
  }

  @Test
  void anExceptionInACallbackNamesTheCallbackAndTheEvent() {
    Callback bad = new Callback() {
      @Override
      public void afterLoss(Learner learn) {
        throw new IllegalArgumentException("bad value");
      }

      @Override
      public String name() {
        return "Bad";
      }
    };
    Callback watcher = mock(Callback.class);
    Learner learn = TinyProblem.learner(TinyProblem.dls(4, 4, 4, false, 1), dir, bad, watcher);
    CallbackException e = assertThrows(CallbackException.class, () -> learn.fit(1, 0.1f));
    assertTrue(e.getMessage().contains(bad.getClass().getName()), e.getMessage());
    assertTrue(e.getMessage().contains("afterLoss"), e.getMessage());
    assertEquals("afterLoss", e.event());
    assertSame(bad, e.callback());
    assertTrue(e.getCause() instanceof IllegalArgumentException);
    verify(watcher).onError(same(learn), any(CallbackException.class));
  }

  @Test
  void aFailingOnErrorHandlerIsSuppressedNotLost() {
    Callback stop = Callback.on(Event.beforeFit, l -> {
      throw new IllegalStateException("first");
    });
    Callback failingHandler = new Callback() {
      @Override
      public void onError(Learner learn, Throwable error) {
        throw new RuntimeException("second");
      }
    };
    Learner learn = TinyProblem.learner(TinyProblem.dls(4, 4, 4, false, 1), dir, stop, failingHandler);
    CallbackException e = assertThrows(CallbackException.class, () -> learn.fit(1, 0.1f));
    assertEquals("first", e.getCause().getMessage());
    assertEquals(1, e.getSuppressed().length);
  }

  @Test
  void stateIsVisibleToCallbacks() {
    List<String> seen = new ArrayList<>();
    Callback spy = Callback.on(Event.afterLoss, l -> seen.add(l.epoch() + "/" + l.nEpoch() + " " + l.iter() + "/"
        + l.nIter()
        + " " + (l.training() ? "train" : "valid") + " bs=" + l.batchSize() + " loss=" + (l.loss().numel() == 1)));
    TinyProblem.learner(TinyProblem.dls(6, 4, 4, false, 1), dir, spy).fit(1, 0.1f);
    assertEquals(List.of("0/1 0/2 train bs=4 loss=true", "0/1 1/2 train bs=2 loss=true",
        "0/1 0/1 valid bs=4 loss=true"), seen);
  }

  @Test
  void predictUsesEvalModeWithoutGradAndRestoresTheMode() {
    Learner learn = TinyProblem.learner(TinyProblem.dls(4, 4, 4, false, 1), dir);
    learn.model().train();
    Tensor out = learn.predict(Tensor.of(new float[] {1f, 2f}, 2));
    assertArrayEquals(new int[] {1}, out.shape());
    assertFalse(out.requiresGrad());
    assertTrue(learn.model().isTraining());
  }
}
