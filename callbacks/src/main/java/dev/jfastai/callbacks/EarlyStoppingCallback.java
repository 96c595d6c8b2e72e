package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.BestWeights;
import dev.jfastai.callbacks.internal.StateValues;
import dev.jfastai.learner.CancelFitException;
import dev.jfastai.learner.Learner;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * fastai's {@code EarlyStoppingCallback}: stops the fit ({@link CancelFitException}) once the monitored value has
 * not improved for {@code patience} epochs (a {@link TrackerCallback}). Adds Keras's {@code restoreBestWeights}
 * (put the best epoch's weights back when the fit ends), {@code baseline} (the wait only restarts on an improvement
 * that also beats it) and {@code startFromEpoch} (earlier epochs are ignored):
 * {@code EarlyStoppingCallback.builder().monitor("accuracy").patience(3).build()}.
 *
 * <p>Order 60, as fastai's. Unlike fastai, which raises the cancel in {@code afterEpoch}, the decision is taken
 * there but the fit is cancelled when the next epoch begins ({@code beforeEpoch}): so every other callback still
 * sees the full end of the deciding epoch (its row is logged, {@link SaveModelCallback} can save it), and a
 * checkpoint saved then holds this callback's up-to-date counters, including a pending stop. With
 * {@code restoreBestWeights} the best weights are kept in memory and written beside the checkpoint
 * ({@code models/early_stopping_best.safetensors}) whenever one is saved, so a resumed fit can still restore them.
 */
public final class EarlyStoppingCallback extends TrackerCallback {
  private static final String BEST_WEIGHTS_FILE = "early_stopping_best.safetensors";

  private final int patience;
  private final boolean restoreBestWeights;
  private final OptionalDouble baseline;
  private final int startFromEpoch;
  private final BestWeights bestWeights = new BestWeights();
  private int wait;
  private int stoppedEpoch = -1;
  private boolean stopPending;
  private Learner learn;

  /** fastai's defaults: {@code valid_loss}, patience 1. */
  public EarlyStoppingCallback() {
    this(builder());
  }

  private EarlyStoppingCallback(Builder b) {
    super(b);
    this.patience = b.patience;
    this.restoreBestWeights = b.restoreBestWeights;
    this.baseline = b.baseline;
    this.startFromEpoch = b.startFromEpoch;
  }

  /** Options beyond fastai's defaults, e.g. {@code builder().monitor("accuracy").patience(3).build()}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeFit(Learner learn) {
    super.beforeFit(learn);
    if (!isRunning()) return;
    this.learn = learn;
    if (learn.startEpoch() > 0) return; // resuming: keep the state loaded with the checkpoint
    wait = 0;
    stoppedEpoch = -1;
    stopPending = false;
    bestWeights.clear();
  }

  @Override
  public void beforeEpoch(Learner learn) {
    if (isRunning() && stopPending) throw new CancelFitException();
  }

  @Override
  public void afterEpoch(Learner learn) {
    if (!isRunning() || learn.epoch() < startFromEpoch) return;
    super.afterEpoch(learn);
    if (isNewBest() && restoreBestWeights) bestWeights.capture(learn.model());
    boolean beatsBaseline = baseline.isEmpty()
        || (best().isPresent() && beats(best().getAsDouble(), baseline.getAsDouble()));
    wait = isNewBest() && beatsBaseline ? 0 : wait + 1;
    if (wait >= patience) {
      stoppedEpoch = learn.epoch();
      stopPending = true;
    }
  }

  @Override
  public void afterFit(Learner learn) {
    boolean wasRunning = isRunning();
    super.afterFit(learn);
    if (!wasRunning) return;
    if (stopPending) {
      stopPending = false;
      say("No improvement since epoch " + (stoppedEpoch - wait) + ": early stopping");
    }
    if (restoreBestWeights) bestWeights.restoreInto(learn.model());
  }

  /** The epoch after which the last fit stopped; empty if it ran to the end. */
  public OptionalInt stoppedEpoch() {
    return stoppedEpoch < 0 ? OptionalInt.empty() : OptionalInt.of(stoppedEpoch);
  }

  /** Epochs since the last improvement. */
  public int waitCount() {
    return wait;
  }

  @Override
  public Map<String, Object> stateDict() {
    Map<String, Object> state = super.stateDict();
    state.put("wait", wait);
    state.put("stoppedEpoch", stoppedEpoch);
    state.put("stopPending", stopPending);
    Path file = learn == null ? null
        : bestWeights.persist(learn.modelPath().resolve(BEST_WEIGHTS_FILE).toAbsolutePath());
    if (file != null) state.put("bestWeightsFile", file.toString());
    return state;
  }

  @Override
  public void loadStateDict(Map<String, Object> state) {
    super.loadStateDict(state);
    wait = StateValues.asInt(state, "wait");
    stoppedEpoch = StateValues.asInt(state, "stoppedEpoch");
    stopPending = Boolean.TRUE.equals(state.get("stopPending"));
    Object file = state.get("bestWeightsFile");
    bestWeights.fromFile(file == null ? null : Path.of(file.toString()));
  }

  /** Configures an {@link EarlyStoppingCallback}; every option has fastai's (or Keras's) default. */
  public static final class Builder extends TrackerCallback.Builder<Builder> {
    private int patience = 1;
    private boolean restoreBestWeights;
    private OptionalDouble baseline = OptionalDouble.empty();
    private int startFromEpoch;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /** Epochs without improvement tolerated before stopping (default 1). */
    public Builder patience(int patience) {
      if (patience < 1) throw new IllegalArgumentException("EarlyStopping: patience must be >= 1, got " + patience);
      this.patience = patience;
      return this;
    }

    /** Whether to put the best epoch's weights back when the fit ends (default false). */
    public Builder restoreBestWeights(boolean restoreBestWeights) {
      this.restoreBestWeights = restoreBestWeights;
      return this;
    }

    /** A value the best must also beat for the wait to restart (default: none). */
    public Builder baseline(double baseline) {
      this.baseline = OptionalDouble.of(baseline);
      return this;
    }

    /** Epochs before this one are ignored (default 0). */
    public Builder startFromEpoch(int startFromEpoch) {
      if (startFromEpoch < 0) {
        throw new IllegalArgumentException("EarlyStopping: startFromEpoch must be >= 0, got " + startFromEpoch);
      }
      this.startFromEpoch = startFromEpoch;
      return this;
    }

    public EarlyStoppingCallback build() {
      return new EarlyStoppingCallback(this);
    }
  }
}
