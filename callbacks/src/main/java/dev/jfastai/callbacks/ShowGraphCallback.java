package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.FinderFlag;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.Learner;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * fastai's {@code ShowGraphCallback} for a terminal: after each epoch, rewrites the loss-curve PNG
 * ({@link Plots#lossCurve}, default {@code learn.path()/loss.png}) so an image viewer shows training as it goes.
 * Order 65, after the progress table; idle during the LR finder.
 */
public final class ShowGraphCallback implements Callback {
  private final ShowGraphSettings settings;
  private Path file;
  private boolean active;

  public ShowGraphCallback() {
    this(new ShowGraphSettings());
  }

  @Inject
  public ShowGraphCallback(ShowGraphSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public int order() {
    return 65;
  }

  @Override
  public void beforeFit(Learner learn) {
    active = !FinderFlag.isRunning(learn);
    if (active) file = learn.path().resolve(settings.fileName());
  }

  @Override
  public void afterEpoch(Learner learn) {
    if (active) Plots.lossCurve(learn.recorder(), file, settings.width(), settings.height());
  }

  @Override
  public void afterFit(Learner learn) {
    active = false;
  }

  /** The PNG of the latest fit; empty before the first. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }
}
