package dev.jfastai.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;

import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.BasicOptim;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Learner's batch computations can be replaced while every event keeps firing in fastai's order. */
class BatchStepsTest {
  @Test
  void replacedStepsRunBetweenTheSameEvents() {
    List<String> calls = new ArrayList<>();
    BatchSteps recording = new BatchSteps() {
      @Override
      public Tensor predict(Learner learn) {
        calls.add("predict");
        return BatchSteps.super.predict(learn);
      }

      @Override
      public void step(Learner learn) {
        calls.add("step"); // no update: the weights must stay as they were
      }
    };
    Callback spy = mock(Callback.class);
    Learner learn = Learner.builder(TinyProblem.dls(8, 8, 4, false, 1), TinyProblem.model(3))
        .optFunc(BasicOptim::new).lossFunc(Losses::mse).callbacks(spy).batchSteps(recording).build();
    float[] before = learn.model().parameters().get(0).toFloatArray();
    learn.fit(2, 0.1f);

    assertEquals(EventOrderTest.expectedFit(2, 2, 2), EventOrderTest.eventsSeenBy(spy));
    assertArrayEquals(before, learn.model().parameters().get(0).toFloatArray(), 0f);
    assertEquals(2 * (2 + 2), calls.stream().filter("predict"::equals).count(), "train and valid batches");
    assertEquals(2 * 2, calls.stream().filter("step"::equals).count(), "train batches only");
  }
}
