package dev.jfastai.callbacks;

/** Settings of {@link GradientClip}: the largest total gradient norm allowed (default 1, fastai's). */
public record GradientClipSettings(double maxNorm) {
  public GradientClipSettings() {
    this(1.0);
  }
}
