package dev.jfastai.callbacks.internal;

import dev.jfastai.learner.EpochRecord;
import dev.jfastai.learner.Learner;
import java.util.List;

/**
 * Which of the Recorder's epoch rows a logger has written. Loggers write pending rows after each epoch and again
 * at the end of the fit, so a row is not lost when another callback cancels the fit during {@code afterEpoch}.
 */
public final class EpochRows {
  private int written;

  /** Call in {@code beforeFit} (after the Recorder's): rows kept from before a resume count as written. */
  public void start(Learner learn) {
    written = learn.recorder().epochs().size();
  }

  /** The rows recorded since the last call, now counted as written. */
  public List<EpochRecord> takePending(Learner learn) {
    List<EpochRecord> all = learn.recorder().epochs();
    if (written > all.size()) written = all.size();
    List<EpochRecord> pending = List.copyOf(all.subList(written, all.size()));
    written = all.size();
    return pending;
  }
}
