package dev.jfastai.callbacks;

import dev.jfastai.learner.Learner;
import dev.jfastai.learner.Metric;
import java.util.OptionalDouble;

/** A metric that reports a scripted value per validation phase (the i-th reset starts the i-th value). */
final class ScriptedMetric implements Metric {
  private final String name;
  private final double[] values;
  private int phase = -1;

  ScriptedMetric(String name, double... values) {
    this.name = name;
    this.values = values;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void reset() {
    phase++;
  }

  @Override
  public void accumulate(Learner learn) {
    // the value is scripted, not measured
  }

  @Override
  public OptionalDouble value() {
    return OptionalDouble.of(values[phase]);
  }
}
