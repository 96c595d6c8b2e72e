package dev.jfastai.learner;

import java.util.Objects;
import java.util.function.Consumer;

/** The callback behind {@link Callback#on}: one action on one event. */
final class EventCallback implements Callback {
  private final Event event;
  private final Consumer<Learner> action;
  private final int order;

  EventCallback(Event event, Consumer<Learner> action, int order) {
    this.event = Objects.requireNonNull(event, "event");
    this.action = Objects.requireNonNull(action, "action");
    this.order = order;
  }

  @Override
  public int order() {
    return order;
  }

  Event event() {
    return event;
  }

  @Override
  public String name() {
    return "on(" + event + ")";
  }

  private void run(Event fired, Learner learn) {
    if (fired == event) action.accept(learn);
  }

  @Override public void beforeFit(Learner l) { run(Event.beforeFit, l); }
  @Override public void beforeEpoch(Learner l) { run(Event.beforeEpoch, l); }
  @Override public void beforeTrain(Learner l) { run(Event.beforeTrain, l); }
  @Override public void beforeBatch(Learner l) { run(Event.beforeBatch, l); }
  @Override public void afterPred(Learner l) { run(Event.afterPred, l); }
  @Override public void afterLoss(Learner l) { run(Event.afterLoss, l); }
  @Override public void beforeBackward(Learner l) { run(Event.beforeBackward, l); }
  @Override public void afterCancelBackward(Learner l) { run(Event.afterCancelBackward, l); }
  @Override public void afterBackward(Learner l) { run(Event.afterBackward, l); }
  @Override public void beforeStep(Learner l) { run(Event.beforeStep, l); }
  @Override public void afterCancelStep(Learner l) { run(Event.afterCancelStep, l); }
  @Override public void afterStep(Learner l) { run(Event.afterStep, l); }
  @Override public void afterCancelBatch(Learner l) { run(Event.afterCancelBatch, l); }
  @Override public void afterBatch(Learner l) { run(Event.afterBatch, l); }
  @Override public void afterCancelTrain(Learner l) { run(Event.afterCancelTrain, l); }
  @Override public void afterTrain(Learner l) { run(Event.afterTrain, l); }
  @Override public void beforeValidate(Learner l) { run(Event.beforeValidate, l); }
  @Override public void afterCancelValidate(Learner l) { run(Event.afterCancelValidate, l); }
  @Override public void afterValidate(Learner l) { run(Event.afterValidate, l); }
  @Override public void afterCancelEpoch(Learner l) { run(Event.afterCancelEpoch, l); }
  @Override public void afterEpoch(Learner l) { run(Event.afterEpoch, l); }
  @Override public void afterCancelFit(Learner l) { run(Event.afterCancelFit, l); }
  @Override public void afterFit(Learner l) { run(Event.afterFit, l); }
}
