package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.BestWeights;
import dev.jfastai.callbacks.internal.MonitorTracker;
import dev.jfastai.callbacks.internal.StateValues;
import dev.jfastai.learner.CancelFitException;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.StatefulCallback;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * fastai's {@code EarlyStoppingCallback}: stops the fit ({@link CancelFitException}) once the monitored value has
 * not improved for {@code patience} epochs; the best value restarts at each new fit. Adds Keras's
 * {@code restoreBestWeights}, {@code baseline} and {@code startFromEpoch} (see {@link EarlyStoppingSettings}).
 *
 * <p>Order 60, as fastai's. Unlike fastai, which raises the cancel in {@code afterEpoch}, the decision is taken
 * there but the fit is cancelled when the next epoch begins ({@code beforeEpoch}): so every other callback still
 * sees the full end of the deciding epoch (its row is logged, {@link SaveModelCallback} can save it), and a
 * checkpoint saved then holds this callback's up-to-date counters, including a pending stop. With
 * {@code restoreBestWeights} the best weights are kept in memory and written beside the checkpoint
 * ({@code models/early_stopping_best.safetensors}) whenever one is saved, so a resumed fit can still restore them.
 */
public final class EarlyStoppingCallback implements StatefulCallback {
  private static final String BEST_WEIGHTS_FILE = "early_stopping_best.safetensors";

  private final EarlyStoppingSettings settings;
  private final PrintStream out;
  private final MonitorTracker tracker;
  private final BestWeights bestWeights = new BestWeights();
  private int stoppedEpoch = -1;
  private boolean stopPending;
  private Learner learn;
  private boolean active;

  /** fastai's defaults: {@code valid_loss}, patience 1. */
  public EarlyStoppingCallback() {
    this(new EarlyStoppingSettings());
  }

  /** fastai's signature; a null {@code comparison} is inferred from the name. */
  public EarlyStoppingCallback(String monitor, Comparison comparison, double minDelta, int patience) {
    this(new EarlyStoppingSettings().withMonitor(new Monitor(monitor, comparison, minDelta)).withPatience(patience));
  }

  @Inject
  public EarlyStoppingCallback(EarlyStoppingSettings settings) {
    this(settings, System.out);
  }

  public EarlyStoppingCallback(EarlyStoppingSettings settings, PrintStream out) {
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
    if (!active) return;
    this.learn = learn;
    if (learn.startEpoch() > 0) return; // resuming: keep the state loaded with the checkpoint
    stoppedEpoch = -1;
    stopPending = false;
    bestWeights.clear();
  }

  @Override
  public void beforeEpoch(Learner learn) {
    if (active && stopPending) throw new CancelFitException();
  }

  @Override
  public void afterEpoch(Learner learn) {
    if (!active || learn.epoch() < settings.startFromEpoch()) return;
    double value = tracker.current(learn);
    if (tracker.update(value, learn.epoch())) {
      if (settings.restoreBestWeights()) bestWeights.capture(learn.model());
      if (settings.baseline() == null || tracker.beats(value, settings.baseline())) tracker.resetWait();
      else tracker.incrementWait();
    } else {
      tracker.incrementWait();
    }
    if (tracker.waitCount() >= settings.patience()) {
      stoppedEpoch = learn.epoch();
      stopPending = true;
    }
  }

  @Override
  public void afterFit(Learner learn) {
    if (!active) return;
    active = false;
    if (stopPending) {
      stopPending = false;
      if (settings.verbose()) out.println("No improvement since epoch " + (stoppedEpoch - tracker.waitCount())
          + ": early stopping");
    }
    if (settings.restoreBestWeights()) bestWeights.restoreInto(learn.model());
  }

  /** The epoch after which the last fit stopped, or -1 if it ran to the end. */
  public int stoppedEpoch() {
    return stoppedEpoch;
  }

  /** The best monitored value so far (infinite before any). */
  public double best() {
    return tracker.best();
  }

  /** The epoch of {@link #best()}, or -1. */
  public int bestEpoch() {
    return tracker.bestEpoch();
  }

  /** Epochs since the last improvement. */
  public int waitCount() {
    return tracker.waitCount();
  }

  @Override
  public Map<String, Object> stateDict() {
    Map<String, Object> state = tracker.state();
    state.put("stoppedEpoch", stoppedEpoch);
    state.put("stopPending", stopPending);
    Path file = learn == null ? null
        : bestWeights.persist(learn.modelPath().resolve(BEST_WEIGHTS_FILE).toAbsolutePath());
    if (file != null) state.put("bestWeightsFile", file.toString());
    return state;
  }

  @Override
  public void loadStateDict(Map<String, Object> state) {
    tracker.load(state);
    stoppedEpoch = StateValues.asInt(state, "stoppedEpoch");
    stopPending = Boolean.TRUE.equals(state.get("stopPending"));
    Object file = state.get("bestWeightsFile");
    bestWeights.fromFile(file == null ? null : Path.of(file.toString()));
  }
}
