package dev.jfastai.learner;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * fastai's one-cycle policy ({@code fit_one_cycle}'s options): the lr warms up from {@code lrMax / div} to
 * {@code lrMax} over the first {@code pctStart} of the training steps, then cosine-anneals to {@code lrMax / divFinal},
 * while momentum goes the other way, {@code moms} start, middle, end. Train with
 * {@code learn.fitOneCycle(epochs, OneCycle.builder(lrMax).pctStart(0.3).build())}.
 */
public final class OneCycle {
  private final double lrMax;
  private final double div;
  private final double divFinal;
  private final double pctStart;
  private final double[] moms;

  private OneCycle(Builder b) {
    this.lrMax = b.lrMax;
    this.div = b.div;
    this.divFinal = b.divFinal;
    this.pctStart = b.pctStart;
    this.moms = b.moms.clone();
  }

  /** fastai's defaults: div 25, divFinal 1e5, pctStart 0.25, moms 0.95-0.85-0.95; {@code lrMax} must be > 0. */
  public static Builder builder(double lrMax) {
    return new Builder(lrMax);
  }

  /** The peak learning rate. */
  public double lrMax() {
    return lrMax;
  }

  /** A new scheduler setting {@code lr} and {@code mom} by this policy (one per fit: it records what it set). */
  public ParamScheduler scheduler() {
    Map<String, Schedule> s = new LinkedHashMap<>();
    s.put("lr", Schedule.combinedCos(pctStart, lrMax / div, lrMax, lrMax / divFinal));
    s.put("mom", Schedule.combinedCos(pctStart, moms[0], moms[1], moms[2]));
    return new ParamScheduler(s);
  }

  /** Configures a {@link OneCycle}; each option rejects a value outside its range, naming it. */
  public static final class Builder {
    private final double lrMax;
    private double div = 25;
    private double divFinal = 1e5;
    private double pctStart = 0.25;
    private double[] moms = {0.95, 0.85, 0.95};

    private Builder(double lrMax) {
      this.lrMax = positive("lrMax", lrMax);
    }

    /** The first lr is {@code lrMax / div} (default 25). */
    public Builder div(double div) {
      this.div = positive("div", div);
      return this;
    }

    /** The last lr is {@code lrMax / divFinal} (default 1e5). */
    public Builder divFinal(double divFinal) {
      this.divFinal = positive("divFinal", divFinal);
      return this;
    }

    /** The share of the steps spent warming up, in [0, 1] (default 0.25). */
    public Builder pctStart(double pctStart) {
      if (!(pctStart >= 0 && pctStart <= 1)) {
        throw new IllegalArgumentException("OneCycle: pctStart must be in [0, 1], got " + pctStart);
      }
      this.pctStart = pctStart;
      return this;
    }

    /** Momentum at the start, at the lr's peak and at the end (default 0.95, 0.85, 0.95). */
    public Builder moms(double start, double middle, double end) {
      for (double m : new double[] {start, middle, end}) {
        if (!(m >= 0 && m < 1)) {
          throw new IllegalArgumentException("OneCycle: moms must be in [0, 1), got (" + start + ", " + middle + ", "
              + end + ")");
        }
      }
      this.moms = new double[] {start, middle, end};
      return this;
    }

    public OneCycle build() {
      return new OneCycle(this);
    }

    private static double positive(String name, double value) {
      if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("OneCycle: " + name + " must be > 0 and finite, got " + value);
      }
      return value;
    }
  }
}
