package dev.jfastai.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.Multibinder;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.CallbackBinder;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.LearnerFactory;
import dev.jfastai.learner.LearnerModule;
import dev.jfastai.nn.Linear;
import dev.jfastai.nn.optim.Optimizers;
import dev.jfastai.tensor.Generator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuiceWiringTest {
  @TempDir Path dir;

  @Test
  void everyCallbackCanBeInjectedWithDefaultSettings() {
    Injector injector = Guice.createInjector();
    List<Class<? extends Callback>> all = List.of(ProgressCallback.class, CsvLogger.class, JsonLinesLogger.class,
        EarlyStoppingCallback.class, SaveModelCallback.class, ReduceLROnPlateau.class, TerminateOnNaN.class,
        GradientClip.class, ShowGraphCallback.class);
    for (Class<? extends Callback> type : all) assertInstanceOf(type, injector.getInstance(type));
  }

  @Test
  void boundSettingsReachTheCallbacksOfLearnersFromTheFactory() throws Exception {
    Injector injector = Guice.createInjector(new LearnerModule(), new AbstractModule() {
      @Override
      protected void configure() {
        Multibinder<Callback> callbacks = CallbackBinder.callbacks(binder());
        callbacks.addBinding().toProvider(() -> CsvLogger.builder().fileName("runs/log.csv").build());
        callbacks.addBinding().toProvider(() -> EarlyStoppingCallback.builder().patience(3).verbose(false).build());
        callbacks.addBinding().toProvider(() -> ProgressCallback.builder().liveBar(LiveBar.OFF).build());
      }
    });
    LearnerFactory factory = injector.getInstance(LearnerFactory.class);
    // valid loss only gets worse: patience 3 (not fastai's default 1) lets 4 epochs run
    Learner learn = factory.builder(TinyLearners.linearData(6, 4, 2, null), new Linear(2, 1, new Generator(1)))
        .optFunc(Optimizers.sgd()).lossFunc(ScriptedLoss.validLosses(1, 2, 3, 4, 5, 6)).path(dir).build();
    learn.fit(6, 0.1f);

    assertEquals(4, learn.recorder().epochs().size());
    assertTrue(Files.exists(dir.resolve("runs/log.csv")));
    assertEquals(4, CsvLogger.read(dir.resolve("runs/log.csv")).size());
    Learner other = factory.builder(TinyLearners.linearData(6, 4, 2, null), new Linear(2, 1))
        .optFunc(Optimizers.sgd()).lossFunc(ScriptedLoss.validLosses(1)).path(dir).build();
    assertTrue(other.callback(CsvLogger.class).get() != learn.callback(CsvLogger.class).get(),
        "fresh instances per learner");
  }
}
