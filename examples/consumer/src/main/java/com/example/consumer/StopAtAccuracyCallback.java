package com.example.consumer;

import dev.jfastai.learner.Callback;
import dev.jfastai.learner.CancelFitException;
import dev.jfastai.learner.Learner;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The consumer's own callback: ends the fit once validation accuracy reaches a target; counts the epochs it saw. */
public final class StopAtAccuracyCallback implements Callback {
  private final double target;
  private int epochsSeen;
  private boolean stopped;

  @Inject
  public StopAtAccuracyCallback(@Named("targetAccuracy") double target) {
    this.target = target;
  }

  @Override
  public int order() {
    return 70; // after the Recorder (50) has recorded this epoch's metrics
  }

  @Override
  public void afterEpoch(Learner learn) {
    epochsSeen++;
    if (learn.recorder().lastEpoch().orElseThrow().value("accuracy") >= target) {
      stopped = true;
      throw new CancelFitException();
    }
  }

  public int epochsSeen() {
    return epochsSeen;
  }

  public boolean stopped() {
    return stopped;
  }
}
