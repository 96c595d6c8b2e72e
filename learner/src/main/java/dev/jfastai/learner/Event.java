package dev.jfastai.learner;

import java.util.function.BiConsumer;

/**
 * The fit loop's events, in the order fastai fires them; each calls the {@link Callback} method of the same name.
 * An {@code afterCancelX} event fires only when a {@code CancelXException} stopped stage X, just before {@code afterX}.
 */
public enum Event {
  beforeFit(Callback::beforeFit),
  beforeEpoch(Callback::beforeEpoch),
  beforeTrain(Callback::beforeTrain),
  beforeBatch(Callback::beforeBatch),
  afterPred(Callback::afterPred),
  afterLoss(Callback::afterLoss),
  beforeBackward(Callback::beforeBackward),
  afterCancelBackward(Callback::afterCancelBackward),
  afterBackward(Callback::afterBackward),
  beforeStep(Callback::beforeStep),
  afterCancelStep(Callback::afterCancelStep),
  afterStep(Callback::afterStep),
  afterCancelBatch(Callback::afterCancelBatch),
  afterBatch(Callback::afterBatch),
  afterCancelTrain(Callback::afterCancelTrain),
  afterTrain(Callback::afterTrain),
  beforeValidate(Callback::beforeValidate),
  afterCancelValidate(Callback::afterCancelValidate),
  afterValidate(Callback::afterValidate),
  afterCancelEpoch(Callback::afterCancelEpoch),
  afterEpoch(Callback::afterEpoch),
  afterCancelFit(Callback::afterCancelFit),
  afterFit(Callback::afterFit);

  private final BiConsumer<Callback, Learner> handler;

  Event(BiConsumer<Callback, Learner> handler) {
    this.handler = handler;
  }

  /** Calls this event's method on {@code callback}. */
  public void fire(Callback callback, Learner learn) {
    handler.accept(callback, learn);
  }
}
