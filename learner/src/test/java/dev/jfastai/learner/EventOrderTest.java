package dev.jfastai.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact sequence of events of a whole fit, checked on a Mockito mock of {@link Callback}. */
class EventOrderTest {
  @TempDir Path dir;

  static List<String> batch() {
    return List.of("beforeBatch", "afterPred", "afterLoss", "beforeBackward", "afterBackward", "beforeStep",
        "afterStep", "afterBatch");
  }

  static List<String> validBatch() {
    return List.of("beforeBatch", "afterPred", "afterLoss", "afterBatch");
  }

  /** fastai's order for epochs x (train batches, valid batches). */
  static List<String> expectedFit(int epochs, int trainBatches, int validBatches) {
    List<String> events = new ArrayList<>(List.of("beforeFit"));
    for (int e = 0; e < epochs; e++) {
      events.add("beforeEpoch");
      events.add("beforeTrain");
      for (int b = 0; b < trainBatches; b++) events.addAll(batch());
      events.add("afterTrain");
      events.add("beforeValidate");
      for (int b = 0; b < validBatches; b++) events.addAll(validBatch());
      events.add("afterValidate");
      events.add("afterEpoch");
    }
    events.add("afterFit");
    return events;
  }

  static List<String> eventsSeenBy(Callback mock) {
    return mockingDetails(mock).getInvocations().stream()
        .map(i -> i.getMethod().getName())
        .filter(n -> !n.equals("order") && !n.equals("name"))
        .collect(Collectors.toList());
  }

  @Test
  void fullFitFiresEveryEventInFastaiOrder() {
    Callback spy = mock(Callback.class);
    Learner learn = TinyProblem.learner(TinyProblem.dls(8, 8, 4, false, 1), dir, spy);
    learn.fit(2, 0.1f);
    assertEquals(expectedFit(2, 2, 2), eventsSeenBy(spy));
  }

  @Test
  void eventEnumListsTheCallbackMethodsInLoopOrder() {
    List<String> names = new ArrayList<>();
    for (Event e : Event.values()) names.add(e.name());
    assertEquals(List.of("beforeFit", "beforeEpoch", "beforeTrain", "beforeBatch", "afterPred", "afterLoss",
        "beforeBackward",
        "afterCancelBackward", "afterBackward", "beforeStep", "afterCancelStep", "afterStep", "afterCancelBatch",
            "afterBatch",
        "afterCancelTrain", "afterTrain", "beforeValidate", "afterCancelValidate", "afterValidate", "afterCancelEpoch",
        "afterEpoch", "afterCancelFit", "afterFit"), names);
  }

  @Test
  void eachEventCallsTheCallbackMethodOfTheSameName() {
    for (Event e : Event.values()) {
      Callback cb = mock(Callback.class);
      e.fire(cb, null);
      assertEquals(List.of(e.name()), eventsSeenBy(cb));
    }
  }

  @Test
  void callbacksRunByOrderThenClassNameThenRegistration() {
    List<String> seen = new ArrayList<>();
    Callback late = Callback.on(Event.beforeFit, 70, l -> seen.add("late"));
    Callback first = Callback.on(Event.beforeFit, -20, l -> seen.add("first"));
    Callback tieA = Callback.on(Event.beforeFit, 5, l -> seen.add("tieA"));
    Callback tieB = Callback.on(Event.beforeFit, 5, l -> seen.add("tieB"));
    Learner learn = TinyProblem.learner(TinyProblem.dls(4, 4, 4, false, 1), dir, late, tieA, first, tieB);
    learn.fit(0, 0.1f);
    assertEquals(List.of("first", "tieA", "tieB", "late"), seen);
    List<String> builtIns = learn.callbacks().stream().map(Callback::name).collect(Collectors.toList());
    assertEquals("TrainEvalCallback", builtIns.get(1)); // -20, then -10
    assertEquals("Recorder", builtIns.get(4)); // 50, before 70
  }
}
