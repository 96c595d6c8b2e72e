package dev.jfastai.learner;

/** The nested stages of the loop: each has a before, an after-cancel and an after event, and its cancel exception. */
enum Stage {
  FIT(Event.beforeFit, Event.afterCancelFit, Event.afterFit, CancelFitException.class),
  EPOCH(Event.beforeEpoch, Event.afterCancelEpoch, Event.afterEpoch, CancelEpochException.class),
  TRAIN(Event.beforeTrain, Event.afterCancelTrain, Event.afterTrain, CancelTrainException.class),
  VALIDATE(Event.beforeValidate, Event.afterCancelValidate, Event.afterValidate, CancelValidException.class),
  BATCH(Event.beforeBatch, Event.afterCancelBatch, Event.afterBatch, CancelBatchException.class),
  BACKWARD(Event.beforeBackward, Event.afterCancelBackward, Event.afterBackward, CancelBackwardException.class),
  STEP(Event.beforeStep, Event.afterCancelStep, Event.afterStep, CancelStepException.class);

  final Event before;
  final Event afterCancel;
  final Event after;
  final Class<? extends CancelException> cancel;

  Stage(Event before, Event afterCancel, Event after, Class<? extends CancelException> cancel) {
    this.before = before;
    this.afterCancel = afterCancel;
    this.after = after;
    this.cancel = cancel;
  }
}
