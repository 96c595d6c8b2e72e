package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.StateValues;
import dev.jfastai.learner.Learner;
import dev.jfastai.nn.optim.Optimizer;
import dev.jfastai.nn.optim.ParamGroup;
import java.util.Map;

/**
 * fastai's {@code ReduceLROnPlateau} (a {@link TrackerCallback}, order 60): after {@code patience} epochs without
 * improvement of the monitored value, divides every parameter group's learning rate by {@code factor} (never below
 * {@code minLr}) and starts waiting again. A {@code ParamScheduler} that sets the lr each batch overrides it, as in
 * fastai. {@code ReduceLROnPlateau.builder().patience(2).factor(5).build()}.
 */
public final class ReduceLROnPlateau extends TrackerCallback {
  private final int patience;
  private final double factor;
  private final double minLr;
  private int wait;

  /** fastai's defaults: {@code valid_loss}, patience 1, factor 10, no floor. */
  public ReduceLROnPlateau() {
    this(builder());
  }

  private ReduceLROnPlateau(Builder b) {
    super(b);
    this.patience = b.patience;
    this.factor = b.factor;
    this.minLr = b.minLr;
  }

  /** Options beyond fastai's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeFit(Learner learn) {
    super.beforeFit(learn);
    if (isRunning() && learn.startEpoch() == 0) wait = 0;
  }

  @Override
  public void afterEpoch(Learner learn) {
    if (!isRunning()) return;
    super.afterEpoch(learn);
    wait = isNewBest() ? 0 : wait + 1;
    if (wait < patience) return;
    wait = 0;
    double old = learn.opt().lr();
    for (ParamGroup g : learn.opt().paramGroups()) g.set(Optimizer.LR, Math.max(g.get(Optimizer.LR) / factor, minLr));
    double now = learn.opt().lr();
    // printed as the stored float32, so 0.1 reads 0.1
    if (now < old) say("Epoch " + learn.epoch() + ": reducing lr to " + (float) now);
  }

  /** Epochs since the last improvement or reduction. */
  public int waitCount() {
    return wait;
  }

  @Override
  public Map<String, Object> stateDict() {
    Map<String, Object> state = super.stateDict();
    state.put("wait", wait);
    return state;
  }

  @Override
  public void loadStateDict(Map<String, Object> state) {
    super.loadStateDict(state);
    wait = StateValues.asInt(state, "wait");
  }

  /** Configures a {@link ReduceLROnPlateau} (fastai's defaults). */
  public static final class Builder extends TrackerCallback.Builder<Builder> {
    private int patience = 1;
    private double factor = 10;
    private double minLr;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /** Epochs without improvement tolerated before each reduction (default 1). */
    public Builder patience(int patience) {
      if (patience < 1) throw new IllegalArgumentException("ReduceLROnPlateau: patience must be >= 1, got " + patience);
      this.patience = patience;
      return this;
    }

    /** What the lr is divided by (default 10). */
    public Builder factor(double factor) {
      if (!(factor > 1)) {
        throw new IllegalArgumentException("ReduceLROnPlateau: factor divides the lr and must be > 1, got " + factor);
      }
      this.factor = factor;
      return this;
    }

    /** The floor of the lr (default 0). */
    public Builder minLr(double minLr) {
      if (!(minLr >= 0)) throw new IllegalArgumentException("ReduceLROnPlateau: minLr must be >= 0, got " + minLr);
      this.minLr = minLr;
      return this;
    }

    public ReduceLROnPlateau build() {
      return new ReduceLROnPlateau(this);
    }
  }
}
