package dev.jfastai.callbacks.internal;

import dev.jfastai.callbacks.Monitor;
import dev.jfastai.learner.Learner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * fastai's {@code TrackerCallback} bookkeeping, shared by the tracking callbacks: the best value of a {@link Monitor}
 * so far, the epoch it came from, and how many epochs have passed without an improvement.
 */
public final class MonitorTracker {
  private final Monitor monitor;
  private double best;
  private int bestEpoch;
  private int wait;

  public MonitorTracker(Monitor monitor) {
    this.monitor = monitor;
    reset();
  }

  public void reset() {
    best = monitor.comparison().worst();
    bestEpoch = -1;
    wait = 0;
  }

  /**
   * The tracking callbacks' {@code beforeFit}: false while the LR finder runs (the callback sits that fit out);
   * otherwise checks the monitor and, unless the fit resumes from a checkpoint, forgets the previous fit's best.
   */
  public boolean beginFit(Learner learn) {
    if (FinderFlag.isRunning(learn)) return false;
    requireColumn(learn);
    if (learn.startEpoch() == 0) reset();
    return true;
  }

  /** Fails unless the monitor names a column of the epoch rows, listing the ones there are. */
  public void requireColumn(Learner learn) {
    List<String> columns = new ArrayList<>(learn.recorder().metricNames(learn));
    columns.remove("epoch");
    columns.remove("time");
    if (!columns.contains(monitor.name())) {
      throw new IllegalArgumentException("monitor '" + monitor.name() + "' is not recorded; choose one of " + columns);
    }
  }

  /** The monitored value of the epoch that just ended. */
  public double current(Learner learn) {
    return learn.recorder().lastEpoch().map(r -> r.value(monitor.name())).orElse(Double.NaN);
  }

  /** Records {@code value} of {@code epoch}; returns whether it improved on the best (which it then becomes). */
  public boolean update(double value, int epoch) {
    if (!monitor.comparison().improves(value, best, monitor.minDelta())) return false;
    best = value;
    bestEpoch = epoch;
    return true;
  }

  /** Whether {@code value} beats {@code reference} (e.g. a baseline) by the monitor's rule. */
  public boolean beats(double value, double reference) {
    return monitor.comparison().improves(value, reference, monitor.minDelta());
  }

  public Monitor monitor() {
    return monitor;
  }

  public double best() {
    return best;
  }

  public int bestEpoch() {
    return bestEpoch;
  }

  public int waitCount() {
    return wait;
  }

  public void resetWait() {
    wait = 0;
  }

  /** One more epoch without improvement; returns the new count. */
  public int incrementWait() {
    return ++wait;
  }

  /** JSON-friendly state: infinities are kept as strings, which JSON numbers cannot hold. */
  public Map<String, Object> state() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("best", Double.isFinite(best) ? (Object) best : Double.toString(best));
    s.put("bestEpoch", bestEpoch);
    s.put("wait", wait);
    return s;
  }

  public void load(Map<String, Object> state) {
    best = StateValues.asDouble(state, "best");
    bestEpoch = StateValues.asInt(state, "bestEpoch");
    wait = StateValues.asInt(state, "wait");
  }
}
