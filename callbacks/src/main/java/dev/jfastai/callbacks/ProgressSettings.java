package dev.jfastai.callbacks;

import java.util.Objects;

/** Settings of {@link ProgressCallback}; the no-argument constructor gives fastai's table and an automatic live bar. */
public record ProgressSettings(TableStyle style, LiveBar liveBar) {
  public ProgressSettings {
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(liveBar, "liveBar");
  }

  public ProgressSettings() {
    this(TableStyle.FASTAI, LiveBar.AUTO);
  }

  public ProgressSettings withStyle(TableStyle style) {
    return new ProgressSettings(style, liveBar);
  }

  public ProgressSettings withLiveBar(LiveBar liveBar) {
    return new ProgressSettings(style, liveBar);
  }
}
