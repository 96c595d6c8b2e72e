package dev.jfastai.learner;

import static dev.jfastai.learner.EventOrderTest.eventsSeenBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** For each cancel exception: which events still fire, exactly (one epoch, one train and one valid batch). */
class CancellationTest {
  @TempDir Path dir;

  private static final List<String> TRAIN_BATCH = EventOrderTest.batch();
  private static final List<String> VALID_BATCH = EventOrderTest.validBatch();

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("batch in afterPred", Event.afterPred, (Supplier<CancelException>) CancelBatchException::new,
            seq(List.of("beforeFit", "beforeEpoch", "beforeTrain", "beforeBatch", "afterPred", "afterCancelBatch",
                "afterBatch",
                "afterTrain", "beforeValidate"), VALID_BATCH, List.of("afterValidate", "afterEpoch", "afterFit"))),
        Arguments.of("backward", Event.beforeBackward, (Supplier<CancelException>) CancelBackwardException::new,
            seq(List.of("beforeFit", "beforeEpoch", "beforeTrain", "beforeBatch", "afterPred", "afterLoss",
                "beforeBackward",
                "afterCancelBackward", "afterBackward", "beforeStep", "afterStep", "afterBatch", "afterTrain",
                    "beforeValidate"),
                VALID_BATCH, List.of("afterValidate", "afterEpoch", "afterFit"))),
        Arguments.of("step", Event.beforeStep, (Supplier<CancelException>) CancelStepException::new,
            seq(List.of("beforeFit", "beforeEpoch", "beforeTrain", "beforeBatch", "afterPred", "afterLoss",
                "beforeBackward",
                "afterBackward", "beforeStep", "afterCancelStep", "afterStep", "afterBatch", "afterTrain",
                    "beforeValidate"),
                VALID_BATCH, List.of("afterValidate", "afterEpoch", "afterFit"))),
        Arguments.of("train from a batch", Event.beforeBatch, (Supplier<CancelException>) CancelTrainException::new,
            seq(List.of("beforeFit", "beforeEpoch", "beforeTrain", "beforeBatch", "afterCancelTrain", "afterTrain",
                "beforeValidate"),
                VALID_BATCH, List.of("afterValidate", "afterEpoch", "afterFit"))),
        Arguments.of("train raised in afterBatch travels up", Event.afterBatch,
            (Supplier<CancelException>) CancelTrainException::new,
            seq(List.of("beforeFit", "beforeEpoch", "beforeTrain"), TRAIN_BATCH, List.of("afterCancelTrain",
                "afterTrain",
                "beforeValidate"), VALID_BATCH, List.of("afterValidate", "afterEpoch", "afterFit"))),
        Arguments.of("validate", Event.beforeValidate, (Supplier<CancelException>) CancelValidException::new,
            seq(List.of("beforeFit", "beforeEpoch", "beforeTrain"), TRAIN_BATCH, List.of("afterTrain", "beforeValidate",
                "afterCancelValidate", "afterValidate", "afterEpoch", "afterFit"))),
        Arguments.of("epoch after training", Event.afterTrain, (Supplier<CancelException>) CancelEpochException::new,
            seq(List.of("beforeFit", "beforeEpoch", "beforeTrain"), TRAIN_BATCH, List.of("afterTrain",
                "afterCancelEpoch",
                "afterEpoch", "afterFit"))),
        Arguments.of("fit", Event.afterEpoch, (Supplier<CancelException>) CancelFitException::new,
            seq(List.of("beforeFit", "beforeEpoch", "beforeTrain"), TRAIN_BATCH, List.of("afterTrain",
                "beforeValidate"),
                VALID_BATCH, List.of("afterValidate", "afterEpoch", "afterCancelFit", "afterFit"))));
  }

  @SafeVarargs
  private static List<String> seq(List<String>... parts) {
    List<String> out = new ArrayList<>();
    for (List<String> p : parts) out.addAll(p);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void cancelFiresExactlyTheMatchingEvents(String label, Event at, Supplier<CancelException> cancel,
      List<String> expected) {
    Callback log = mock(Callback.class);
    boolean[] thrown = {false};
    Callback thrower = Callback.on(at, 100, l -> {
      if (!thrown[0]) {
        thrown[0] = true;
        throw cancel.get();
      }
    });
    Learner learn = TinyProblem.learner(TinyProblem.dls(4, 4, 4, false, 1), dir, log, thrower);
    learn.fit(1, 0.1f);
    assertEquals(expected, eventsSeenBy(log));
  }
}
