package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.StateValues;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.StatefulCallback;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * fastai's {@code TrackerCallback}: tracks the best value of a monitored column of the Recorder's epoch rows. At
 * {@code beforeFit} it checks the column exists and (unless resuming, or {@code resetOnFit(false)}) forgets the last
 * fit's best; after each epoch {@link #isNewBest()} says whether the epoch improved on the best by more than
 * {@code minDelta}. It sits out fits run in {@link Learner#noLogging} (the LR finder's sweep). Order 60.
 *
 * <p>Subclasses that override an event call {@code super} first and then check {@link #isRunning()}.
 */
public abstract class TrackerCallback implements StatefulCallback {
  private final Monitor monitor;
  private final boolean resetOnFit;
  private final boolean verbose;
  private final PrintStream out;
  private double best;
  private int bestEpoch = -1;
  private boolean newBest;
  private boolean running;

  protected TrackerCallback(Builder<?> builder) {
    this.monitor = new Monitor(builder.monitor, builder.comparison, builder.minDelta);
    this.resetOnFit = builder.resetOnFit;
    this.verbose = builder.verbose;
    this.out = builder.out;
    this.best = monitor.comparison().worst();
  }

  @Override
  public int order() {
    return 60;
  }

  @Override
  public void beforeFit(Learner learn) {
    running = learn.isLogging();
    if (!running) return;
    List<String> columns = new ArrayList<>(learn.recorder().metricNames(learn));
    columns.remove("epoch");
    columns.remove("time");
    if (!columns.contains(monitor.name())) {
      throw new IllegalArgumentException("monitor '" + monitor.name() + "' is not recorded; choose one of " + columns);
    }
    if (learn.startEpoch() == 0 && resetOnFit) resetBest(); // a resumed fit keeps the checkpoint's best
    newBest = false;
  }

  @Override
  public void afterEpoch(Learner learn) {
    if (!running) return;
    double value = learn.recorder().lastEpoch().map(r -> r.value(monitor.name())).orElse(Double.NaN);
    newBest = monitor.comparison().improves(value, best, monitor.minDelta());
    if (newBest) {
      best = value;
      bestEpoch = learn.epoch();
    }
  }

  @Override
  public void afterFit(Learner learn) {
    running = false;
  }

  private void resetBest() {
    best = monitor.comparison().worst();
    bestEpoch = -1;
  }

  /** Whether this callback takes part in the running fit (false outside a fit and in a no-logging one). */
  protected final boolean isRunning() {
    return running;
  }

  /** What this callback watches. */
  public Monitor monitor() {
    return monitor;
  }

  /** The best monitored value so far; empty until an epoch gave one (fastai starts from an infinity). */
  public OptionalDouble best() {
    return bestEpoch < 0 ? OptionalDouble.empty() : OptionalDouble.of(best);
  }

  /** The epoch of {@link #best()}; empty before any. */
  public OptionalInt bestEpoch() {
    return bestEpoch < 0 ? OptionalInt.empty() : OptionalInt.of(bestEpoch);
  }

  /** Whether the epoch that just ended improved on the best (fastai's {@code new_best}). */
  public boolean isNewBest() {
    return newBest;
  }

  /** Whether {@code value} beats {@code reference} by the monitor's rule (direction and minDelta). */
  protected final boolean beats(double value, double reference) {
    return monitor.comparison().improves(value, reference, monitor.minDelta());
  }

  /** Prints {@code message} when verbose. */
  protected final void say(String message) {
    if (verbose) out.println(message);
  }

  /** The best value and its epoch, JSON-friendly (infinities as strings, which JSON numbers cannot hold). */
  @Override
  public Map<String, Object> stateDict() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("best", Double.isFinite(best) ? (Object) best : Double.toString(best));
    s.put("bestEpoch", bestEpoch);
    return s;
  }

  @Override
  public void loadStateDict(Map<String, Object> state) {
    best = StateValues.asDouble(state, "best");
    bestEpoch = StateValues.asInt(state, "bestEpoch");
  }

  /**
   * The options every tracker shares (fastai's): {@code monitor} ({@code valid_loss}), {@code comparison}
   * (inferred from the name when not given), {@code minDelta} (0), {@code resetOnFit} (true), and where messages go.
   *
   * @param <B> the concrete builder, returned by every option
   */
  public abstract static class Builder<B extends Builder<B>> {
    private String monitor = "valid_loss";
    private Comparison comparison;
    private double minDelta;
    private boolean resetOnFit = true;
    private boolean verbose = true;
    private PrintStream out = System.out;

    protected Builder() {}

    protected abstract B self();

    /** The column to watch: {@code valid_loss}, {@code train_loss} or a metric's name. */
    public B monitor(String monitor) {
      this.monitor = Objects.requireNonNull(monitor, "monitor");
      return self();
    }

    /** Which direction is better; by default inferred from the name as fastai does (see {@link Comparison#infer}). */
    public B comparison(Comparison comparison) {
      this.comparison = Objects.requireNonNull(comparison, "comparison");
      return self();
    }

    /** The smallest change that counts as an improvement (default 0). */
    public B minDelta(double minDelta) {
      this.minDelta = minDelta;
      return self();
    }

    /** Whether each new fit forgets the previous fit's best (default true, fastai's {@code reset_on_fit}). */
    public B resetOnFit(boolean resetOnFit) {
      this.resetOnFit = resetOnFit;
      return self();
    }

    /** Whether to print fastai's messages (default true). */
    public B verbose(boolean verbose) {
      this.verbose = verbose;
      return self();
    }

    /** Where messages go (default {@code System.out}). */
    public B out(PrintStream out) {
      this.out = Objects.requireNonNull(out, "out");
      return self();
    }
  }
}
