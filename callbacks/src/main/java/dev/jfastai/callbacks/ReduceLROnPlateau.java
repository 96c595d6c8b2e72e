package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.MonitorTracker;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.StatefulCallback;
import dev.jfastai.nn.optim.Optimizer;
import dev.jfastai.nn.optim.ParamGroup;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * fastai's {@code ReduceLROnPlateau} (order 60): after {@code patience} epochs without improvement of the monitored
 * value, divides every parameter group's learning rate by {@code factor} (never below {@code minLr}) and starts
 * waiting again. A {@code ParamScheduler} that sets the lr each batch overrides it, as in fastai.
 */
public final class ReduceLROnPlateau implements StatefulCallback {
  private final ReduceLROnPlateauSettings settings;
  private final PrintStream out;
  private final MonitorTracker tracker;
  private boolean active;

  /** fastai's defaults: {@code valid_loss}, patience 1, factor 10, no floor. */
  public ReduceLROnPlateau() {
    this(new ReduceLROnPlateauSettings());
  }

  public ReduceLROnPlateau(String monitor, int patience, double factor, double minLr) {
    this(new ReduceLROnPlateauSettings(Monitor.of(monitor), patience, factor, minLr, true));
  }

  @Inject
  public ReduceLROnPlateau(ReduceLROnPlateauSettings settings) {
    this(settings, System.out);
  }

  public ReduceLROnPlateau(ReduceLROnPlateauSettings settings, PrintStream out) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.out = Objects.requireNonNull(out, "out");
    this.tracker = new MonitorTracker(settings.monitor());
  }

  @Override
  public int order() {
    return 60;
  }

  @Override
  public void beforeFit(Learner learn) {
    active = tracker.beginFit(learn);
  }

  @Override
  public void afterEpoch(Learner learn) {
    if (!active) return;
    if (tracker.update(tracker.current(learn), learn.epoch())) {
      tracker.resetWait();
      return;
    }
    if (tracker.incrementWait() < settings.patience()) return;
    tracker.resetWait();
    double old = learn.opt().lr();
    for (ParamGroup g : learn.opt().paramGroups()) {
      g.set(Optimizer.LR, Math.max(g.get(Optimizer.LR) / settings.factor(), settings.minLr()));
    }
    double now = learn.opt().lr();
    // printed as the stored float32, so 0.1 reads 0.1
    if (settings.verbose() && now < old) out.println("Epoch " + learn.epoch() + ": reducing lr to " + (float) now);
  }

  @Override
  public void afterFit(Learner learn) {
    active = false;
  }

  @Override
  public Map<String, Object> stateDict() {
    return tracker.state();
  }

  @Override
  public void loadStateDict(Map<String, Object> state) {
    tracker.load(state);
  }
}
