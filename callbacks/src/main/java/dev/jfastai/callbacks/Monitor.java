package dev.jfastai.callbacks;

import java.util.Objects;

/**
 * The value a tracking callback watches: a column of the Recorder's epoch rows ({@code valid_loss}, {@code train_loss}
 * or a metric's name), which direction is better, and the smallest change that counts as an improvement.
 * {@code Monitor.of("accuracy")} infers the direction from the name as fastai does.
 */
public record Monitor(String name, Comparison comparison, double minDelta) {
  public Monitor {
    Objects.requireNonNull(name, "monitor name");
    if (comparison == null) comparison = Comparison.infer(name);
    if (!(minDelta >= 0)) throw new IllegalArgumentException("monitor '" + name + "': minDelta must be >= 0, got "
        + minDelta);
  }

  /** fastai's default: {@code valid_loss}, lower is better, any decrease counts. */
  public static Monitor validLoss() {
    return of("valid_loss");
  }

  /** Watches {@code name}, direction inferred from the name, any change counts. */
  public static Monitor of(String name) {
    return new Monitor(name, null, 0);
  }
}
