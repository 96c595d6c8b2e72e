package dev.jfastai.learner;

import java.util.ArrayList;
import java.util.List;

/** Writes {@link Learner#showTrainingLoop()}'s text: fastai's {@code show_training_loop} layout, our event names. */
final class TrainingLoopView {
  private TrainingLoopView() {}

  static String render(List<Callback> callbacks) {
    StringBuilder out = new StringBuilder();
    line(out, 0, "Start Fit");
    events(out, 1, callbacks, Event.beforeFit);
    line(out, 1, "Start Epoch Loop");
    events(out, 2, callbacks, Event.beforeEpoch);
    line(out, 2, "Start Train");
    events(out, 3, callbacks, Event.beforeTrain);
    line(out, 3, "Start Batch Loop");
    events(out, 4, callbacks, Event.beforeBatch, Event.afterPred, Event.afterLoss, Event.beforeBackward,
        Event.afterCancelBackward, Event.afterBackward, Event.beforeStep, Event.afterCancelStep, Event.afterStep,
        Event.afterCancelBatch, Event.afterBatch);
    line(out, 3, "End Batch Loop");
    line(out, 2, "End Train");
    events(out, 2, callbacks, Event.afterCancelTrain, Event.afterTrain);
    line(out, 2, "Start Valid");
    events(out, 3, callbacks, Event.beforeValidate);
    line(out, 3, "Start Batch Loop");
    line(out, 4, " - (the training batch's events but no backward or step)");
    line(out, 3, "End Batch Loop");
    line(out, 2, "End Valid");
    events(out, 2, callbacks, Event.afterCancelValidate, Event.afterValidate);
    line(out, 1, "End Epoch Loop");
    events(out, 1, callbacks, Event.afterCancelEpoch, Event.afterEpoch);
    line(out, 0, "End Fit");
    events(out, 0, callbacks, Event.afterCancelFit, Event.afterFit);
    return out.toString();
  }

  private static void events(StringBuilder out, int depth, List<Callback> callbacks, Event... events) {
    for (Event e : events) {
      List<String> names = new ArrayList<>();
      for (Callback c : callbacks) if (implementsEvent(c, e)) names.add(c.name());
      line(out, depth, String.format(" - %-20s: %s", e.name(), names));
    }
  }

  /** Whether {@code c} has its own code for {@code event} rather than {@link Callback}'s no-op default. */
  static boolean implementsEvent(Callback c, Event event) {
    if (c instanceof EventCallback ec) return ec.event() == event;
    try {
      return c.getClass().getMethod(event.name(), Learner.class).getDeclaringClass() != Callback.class;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("Callback has no method for event " + event, e);
    }
  }

  private static void line(StringBuilder out, int depth, String text) {
    out.append("  ".repeat(depth)).append(text).append('\n');
  }
}
