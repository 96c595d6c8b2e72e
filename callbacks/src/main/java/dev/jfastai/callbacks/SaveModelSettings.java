package dev.jfastai.callbacks;

import java.util.Objects;

/**
 * Settings of {@link SaveModelCallback}: the {@link Monitor}; {@code everyEpoch} saves {@code <name>_<epoch>} after
 * each epoch instead of {@code <name>} on each improvement; {@code atEnd} loads the best weights back when the fit
 * ends (fastai always does). Defaults: {@code valid_loss}, best only, {@code model}, reload at the end.
 */
public record SaveModelSettings(Monitor monitor, boolean everyEpoch, String name, boolean atEnd, boolean verbose) {
  public SaveModelSettings {
    Objects.requireNonNull(monitor, "monitor");
    if (name == null || name.isBlank()) throw new IllegalArgumentException("SaveModel: name must not be blank");
  }

  public SaveModelSettings() {
    this(Monitor.validLoss(), false, "model", true, true);
  }

  public SaveModelSettings withMonitor(Monitor monitor) {
    return new SaveModelSettings(monitor, everyEpoch, name, atEnd, verbose);
  }

  public SaveModelSettings withEveryEpoch(boolean everyEpoch) {
    return new SaveModelSettings(monitor, everyEpoch, name, atEnd, verbose);
  }

  public SaveModelSettings withName(String name) {
    return new SaveModelSettings(monitor, everyEpoch, name, atEnd, verbose);
  }

  public SaveModelSettings withAtEnd(boolean atEnd) {
    return new SaveModelSettings(monitor, everyEpoch, name, atEnd, verbose);
  }

  public SaveModelSettings withVerbose(boolean verbose) {
    return new SaveModelSettings(monitor, everyEpoch, name, atEnd, verbose);
  }
}
