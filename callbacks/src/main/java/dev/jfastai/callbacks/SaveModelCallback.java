package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.BestWeights;
import dev.jfastai.callbacks.internal.FinderFlag;
import dev.jfastai.callbacks.internal.MonitorTracker;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.StatefulCallback;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * fastai's {@code SaveModelCallback} (order 61): saves a checkpoint with {@link Learner#save} (atomic files in
 * {@code learn.modelPath()}) whenever the monitored value improves, or after every epoch; with {@code atEnd} the best
 * weights are loaded back into the model when the fit ends (weights only: the learner's progress is not rewound).
 * Its best value is saved in checkpoints, so a resumed fit only saves real improvements.
 */
public final class SaveModelCallback implements StatefulCallback {
  private final SaveModelSettings settings;
  private final PrintStream out;
  private final MonitorTracker tracker;
  private String bestFile;
  private boolean active;

  /** fastai's defaults: best {@code valid_loss} to {@code model}, reloaded at the end. */
  public SaveModelCallback() {
    this(new SaveModelSettings());
  }

  /** Saves {@code name} on each improvement of {@code monitor}, or {@code name_<epoch>} every epoch. */
  public SaveModelCallback(String monitor, boolean everyEpoch, String name) {
    this(new SaveModelSettings().withMonitor(Monitor.of(monitor)).withEveryEpoch(everyEpoch).withName(name));
  }

  @Inject
  public SaveModelCallback(SaveModelSettings settings) {
    this(settings, System.out);
  }

  public SaveModelCallback(SaveModelSettings settings, PrintStream out) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.out = Objects.requireNonNull(out, "out");
    this.tracker = new MonitorTracker(settings.monitor());
  }

  @Override
  public int order() {
    return 61;
  }

  @Override
  public void beforeFit(Learner learn) {
    active = settings.everyEpoch() ? !FinderFlag.isRunning(learn) : tracker.beginFit(learn);
    if (active && learn.startEpoch() == 0) bestFile = null;
  }

  @Override
  public void afterEpoch(Learner learn) {
    if (!active) return;
    if (settings.everyEpoch()) {
      learn.save(settings.name() + "_" + learn.epoch());
      return;
    }
    if (!tracker.update(tracker.current(learn), learn.epoch())) return;
    if (settings.verbose()) {
      out.println("Better model found at epoch " + learn.epoch() + " with " + settings.monitor().name() + " value: "
          + tracker.best() + ".");
    }
    bestFile = learn.save(settings.name()).toAbsolutePath().toString();
  }

  @Override
  public void afterFit(Learner learn) {
    if (!active) return;
    active = false;
    if (settings.everyEpoch() || !settings.atEnd() || bestFile == null) return;
    BestWeights.loadFile(learn.model(), Path.of(bestFile));
  }

  /** The best monitored value so far (infinite before any). */
  public double best() {
    return tracker.best();
  }

  /** The epoch of {@link #best()}, or -1. */
  public int bestEpoch() {
    return tracker.bestEpoch();
  }

  @Override
  public Map<String, Object> stateDict() {
    Map<String, Object> state = tracker.state();
    if (bestFile != null) state.put("bestFile", bestFile);
    return state;
  }

  @Override
  public void loadStateDict(Map<String, Object> state) {
    tracker.load(state);
    Object file = state.get("bestFile");
    bestFile = file == null ? null : file.toString();
  }
}
