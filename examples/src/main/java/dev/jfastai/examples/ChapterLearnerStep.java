package dev.jfastai.examples;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.jfastai.callbacks.CsvLogger;
import dev.jfastai.callbacks.ShowGraphCallback;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.examples.callbacks.GradNormModule;
import dev.jfastai.examples.internal.PyFormat;
import dev.jfastai.learner.EpochRecord;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.LearnerModule;
import dev.jfastai.learner.Metrics;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.BasicOptim;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Chapter 4's last step: {@code Learner(dls, simple_net, opt_func=BasicOptim, loss_func=mnist_loss,
 * metrics=batch_accuracy).fit(40, 0.1)}, its callbacks supplied by Guice modules ({@link ChapterCallbacksModule},
 * plus the example {@link GradNormModule} when asked).
 */
final class ChapterLearnerStep {
  private final ChapterLearnerOptions options;
  private final PrintStream out;
  private final boolean quiet;

  ChapterLearnerStep(ChapterLearnerOptions options, PrintStream out, boolean quiet) {
    this.options = options;
    this.out = out;
    this.quiet = quiet;
  }

  /** Trains {@code model} and prints the progress table, where the files went, and the final accuracy. */
  Learner run(DataLoaders dls, dev.jfastai.nn.Module model, int epochs, double lr) {
    try {
      Files.createDirectories(options.out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the output folder " + options.out, e);
    }
    List<Module> modules = new ArrayList<>();
    modules.add(new LearnerModule());
    modules.add(new ChapterCallbacksModule(out, options.patience));
    if (options.gradNormEvery != null) modules.add(new GradNormModule(options.gradNormEvery, out));
    Injector injector = Guice.createInjector(modules);
    Learner learn = Learner.builder(dls, model)
        .optFunc(BasicOptim::new)
        .lossFunc(Losses::mnistLoss)
        .metrics(Metrics.batchAccuracy())
        .callbacksFrom(injector)
        .path(options.out)
        .build();
    learn.fit(epochs, lr);
    if (!quiet) {
      learn.callback(CsvLogger.class).ifPresent(c -> c.path().ifPresent(f -> out.println("history: " + f)));
      learn.callback(ShowGraphCallback.class).ifPresent(c -> c.file().ifPresent(f -> out.println("loss plot: " + f)));
    }
    EpochRecord last = learn.recorder().lastEpoch().orElseThrow();
    out.println("learn.recorder.values[-1][2] (batch_accuracy after epoch " + last.epoch() + "): "
        + PyFormat.rounded(last.value("batch_accuracy"), 4));
    out.flush();
    return learn;
  }
}
