package dev.jfastai.callbacks;

import java.util.Objects;

/**
 * Settings of {@link EarlyStoppingCallback}. fastai's part: the {@link Monitor} (default {@code valid_loss}) and
 * {@code patience}, the epochs without improvement tolerated (default 1). Keras's part: {@code restoreBestWeights}
 * (put the best epoch's weights back when the fit ends), {@code baseline} (null for none: the wait only restarts on
 * an improvement that also beats it) and {@code startFromEpoch} (earlier epochs are ignored). {@code verbose}
 * prints fastai's message when stopping.
 */
public record EarlyStoppingSettings(Monitor monitor, int patience, boolean restoreBestWeights, Double baseline,
                                    int startFromEpoch, boolean verbose) {
  public EarlyStoppingSettings {
    Objects.requireNonNull(monitor, "monitor");
    if (patience < 1) throw new IllegalArgumentException("EarlyStopping: patience must be >= 1, got " + patience);
    if (startFromEpoch < 0) throw new IllegalArgumentException("EarlyStopping: startFromEpoch must be >= 0, got "
        + startFromEpoch);
  }

  public EarlyStoppingSettings() {
    this(Monitor.validLoss(), 1, false, null, 0, true);
  }

  public EarlyStoppingSettings withMonitor(Monitor monitor) {
    return new EarlyStoppingSettings(monitor, patience, restoreBestWeights, baseline, startFromEpoch, verbose);
  }

  public EarlyStoppingSettings withPatience(int patience) {
    return new EarlyStoppingSettings(monitor, patience, restoreBestWeights, baseline, startFromEpoch, verbose);
  }

  public EarlyStoppingSettings withRestoreBestWeights(boolean restoreBestWeights) {
    return new EarlyStoppingSettings(monitor, patience, restoreBestWeights, baseline, startFromEpoch, verbose);
  }

  public EarlyStoppingSettings withBaseline(Double baseline) {
    return new EarlyStoppingSettings(monitor, patience, restoreBestWeights, baseline, startFromEpoch, verbose);
  }

  public EarlyStoppingSettings withStartFromEpoch(int startFromEpoch) {
    return new EarlyStoppingSettings(monitor, patience, restoreBestWeights, baseline, startFromEpoch, verbose);
  }

  public EarlyStoppingSettings withVerbose(boolean verbose) {
    return new EarlyStoppingSettings(monitor, patience, restoreBestWeights, baseline, startFromEpoch, verbose);
  }
}
