package dev.jfastai.callbacks;

import dev.jfastai.nn.LossFunction;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A loss whose value at each call is taken from a script, in the loop's order (each epoch's training batches, then
 * its validation batches); its gradient is zero, so the model stays put. The value is exact in float32.
 */
final class ScriptedLoss implements LossFunction {
  private final List<Float> values = new ArrayList<>();
  private int next;

  /** One epoch of the script: its training batch losses, then its validation batch losses. */
  ScriptedLoss epoch(double[] train, double[] valid) {
    for (double v : train) values.add((float) v);
    for (double v : valid) values.add((float) v);
    return this;
  }

  /** A flat script, e.g. for the LR finder, which skips validation. */
  static ScriptedLoss of(double... values) {
    ScriptedLoss s = new ScriptedLoss();
    for (double v : values) s.values.add((float) v);
    return s;
  }

  /** {@code epochs} epochs of 3 training and 2 validation batches, each validation batch at {@code valid[e]}. */
  static ScriptedLoss validLosses(double... valid) {
    ScriptedLoss s = new ScriptedLoss();
    for (double v : valid) s.epoch(new double[] {0.5, 0.5, 0.5}, new double[] {v, v});
    return s;
  }

  @Override
  public Tensor compute(Tensor pred, Tensor target) {
    if (next >= values.size()) throw new IllegalStateException("ScriptedLoss: script of " + values.size()
        + " values exhausted");
    return pred.mean().mul(0f).add(values.get(next++));
  }

  int calls() {
    return next;
  }
}
