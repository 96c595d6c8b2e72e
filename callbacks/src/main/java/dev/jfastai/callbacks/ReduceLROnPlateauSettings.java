package dev.jfastai.callbacks;

import java.util.Objects;

/**
 * Settings of {@link ReduceLROnPlateau} (fastai's defaults): the {@link Monitor} ({@code valid_loss}), the epochs
 * without improvement tolerated ({@code patience} 1), the divisor of the learning rate ({@code factor} 10) and its
 * floor ({@code minLr} 0).
 */
public record ReduceLROnPlateauSettings(Monitor monitor, int patience, double factor, double minLr, boolean verbose) {
  public ReduceLROnPlateauSettings {
    Objects.requireNonNull(monitor, "monitor");
    if (patience < 1) throw new IllegalArgumentException("ReduceLROnPlateau: patience must be >= 1, got " + patience);
    if (!(factor > 1)) {
      throw new IllegalArgumentException("ReduceLROnPlateau: factor divides the lr and must be > 1, got " + factor);
    }
    if (!(minLr >= 0)) throw new IllegalArgumentException("ReduceLROnPlateau: minLr must be >= 0, got " + minLr);
  }

  public ReduceLROnPlateauSettings() {
    this(Monitor.validLoss(), 1, 10, 0, true);
  }

  public ReduceLROnPlateauSettings withMonitor(Monitor monitor) {
    return new ReduceLROnPlateauSettings(monitor, patience, factor, minLr, verbose);
  }

  public ReduceLROnPlateauSettings withVerbose(boolean verbose) {
    return new ReduceLROnPlateauSettings(monitor, patience, factor, minLr, verbose);
  }
}
