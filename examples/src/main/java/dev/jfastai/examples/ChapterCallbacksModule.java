package dev.jfastai.examples;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.jfastai.callbacks.CsvLogger;
import dev.jfastai.callbacks.EarlyStoppingCallback;
import dev.jfastai.callbacks.ProgressCallback;
import dev.jfastai.callbacks.ShowGraphCallback;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.CallbackBinder;
import java.io.PrintStream;

/**
 * The callbacks of chapter 4's Learner step, contributed to the learner's callback set: fastai's progress table,
 * the CSV history ({@code history.csv}), the loss plot rewritten each epoch ({@code loss.png}) and, when asked,
 * early stopping on {@code valid_loss}. Each learner built from the injector gets its own instances.
 */
final class ChapterCallbacksModule extends AbstractModule {
  private final PrintStream out;
  private final Integer patience;

  /** Prints to {@code out}; {@code patience} null leaves early stopping out. */
  ChapterCallbacksModule(PrintStream out, Integer patience) {
    this.out = out;
    this.patience = patience;
  }

  @Override
  protected void configure() {
    Multibinder<Callback> callbacks = CallbackBinder.callbacks(binder());
    callbacks.addBinding().toProvider(() -> ProgressCallback.builder().out(out).build());
    callbacks.addBinding().to(CsvLogger.class);
    callbacks.addBinding().to(ShowGraphCallback.class);
    if (patience != null) {
      int epochs = patience;
      callbacks.addBinding().toProvider(() -> EarlyStoppingCallback.builder().patience(epochs).out(out).build());
    }
  }
}
