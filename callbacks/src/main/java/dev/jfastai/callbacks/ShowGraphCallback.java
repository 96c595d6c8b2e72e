package dev.jfastai.callbacks;

import dev.jfastai.learner.Callback;
import dev.jfastai.learner.Learner;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * fastai's {@code ShowGraphCallback} for a terminal: after each epoch, rewrites the loss-curve PNG
 * ({@link Plots#lossCurve}, default {@code learn.path()/loss.png}) so an image viewer shows training as it goes.
 * Order 65, after the progress table; idle in a {@link Learner#noLogging} fit (the LR finder's).
 */
public final class ShowGraphCallback implements Callback {
  private final String fileName;
  private final int width;
  private final int height;
  private Path file;
  private boolean active;

  /** {@code loss.png}, 800x500. */
  public ShowGraphCallback() {
    this(builder());
  }

  private ShowGraphCallback(Builder b) {
    this.fileName = b.fileName;
    this.width = b.width;
    this.height = b.height;
  }

  /** Options: {@code builder().fileName("curve.png").size(1200, 600).build()}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public int order() {
    return 65;
  }

  @Override
  public void beforeFit(Learner learn) {
    active = learn.isLogging();
    if (active) file = learn.path().resolve(fileName);
  }

  @Override
  public void afterEpoch(Learner learn) {
    if (active) Plots.lossCurve(learn.recorder(), file, width, height);
  }

  @Override
  public void afterFit(Learner learn) {
    active = false;
  }

  /** The PNG of the latest fit; empty before the first. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** Configures a {@link ShowGraphCallback}. */
  public static final class Builder {
    private String fileName = "loss.png";
    private int width = Plots.DEFAULT_WIDTH;
    private int height = Plots.DEFAULT_HEIGHT;

    private Builder() {}

    /** The PNG, relative to the learner's path (default {@code loss.png}). */
    public Builder fileName(String fileName) {
      this.fileName = Objects.requireNonNull(fileName, "fileName");
      return this;
    }

    /** The image size in pixels (default 800x500). */
    public Builder size(int width, int height) {
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException("ShowGraph: size must be positive, got " + width + "x" + height);
      }
      this.width = width;
      this.height = height;
      return this;
    }

    public ShowGraphCallback build() {
      return new ShowGraphCallback(this);
    }
  }
}
