package dev.jfastai.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code learn.showTrainingLoop()}: fastai's event list with the callbacks that implement each event. */
class TrainingLoopViewTest {
  @TempDir Path dir;

  /** Implements two events; the others stay Callback's defaults. */
  static final class Stopper implements Callback {
    @Override
    public int order() {
      return 70;
    }

    @Override
    public void beforeFit(Learner learn) {}

    @Override
    public void afterEpoch(Learner learn) {}
  }

  @Test
  void listsEveryEventInFiringOrderWithTheCallbacksThatImplementIt() {
    Learner learn = TinyProblem.learner(TinyProblem.dls(8, 4, 4, false, 1), dir, new Stopper(),
        Callback.on(Event.afterLoss, l -> { }));
    String expected = String.join("\n",
        "Start Fit",
        "   - beforeFit           : [TrainEvalCallback, Recorder, Stopper]",
        "  Start Epoch Loop",
        "     - beforeEpoch         : [Recorder]",
        "    Start Train",
        "       - beforeTrain         : [TrainEvalCallback, Recorder]",
        "      Start Batch Loop",
        "         - beforeBatch         : []",
        "         - afterPred           : []",
        "         - afterLoss           : [on(afterLoss)]",
        "         - beforeBackward      : []",
        "         - afterCancelBackward : []",
        "         - afterBackward       : []",
        "         - beforeStep          : []",
        "         - afterCancelStep     : []",
        "         - afterStep           : []",
        "         - afterCancelBatch    : []",
        "         - afterBatch          : [TrainEvalCallback, Recorder]",
        "      End Batch Loop",
        "    End Train",
        "     - afterCancelTrain    : [Recorder]",
        "     - afterTrain          : [Recorder]",
        "    Start Valid",
        "       - beforeValidate      : [TrainEvalCallback, Recorder]",
        "      Start Batch Loop",
        "         - (the training batch's events but no backward or step)",
        "      End Batch Loop",
        "    End Valid",
        "     - afterCancelValidate : [Recorder]",
        "     - afterValidate       : [Recorder]",
        "  End Epoch Loop",
        "   - afterCancelEpoch    : []",
        "   - afterEpoch          : [Recorder, Stopper]",
        "End Fit",
        " - afterCancelFit      : []",
        " - afterFit            : []",
        "");
    assertEquals(expected, learn.trainingLoop());
  }
}
