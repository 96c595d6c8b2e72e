package dev.jfastai.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Singleton;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.BasicOptim;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's callback, with its own injected settings and services, is picked up from a user's Guice module. */
class GuiceInjectionTest {
  @TempDir Path dir;

  /** A user's settings type. */
  public record EpochLogSettings(String prefix) {}

  /** A user's service, shared by the whole injector. */
  @Singleton
  public static final class Sink {
    final List<String> lines = new ArrayList<>();
  }

  /** A user's callback: constructor injection of settings and a service. */
  public static final class EpochLogCallback implements Callback {
    private final EpochLogSettings settings;
    private final Sink sink;

    @Inject
    public EpochLogCallback(EpochLogSettings settings, Sink sink) {
      this.settings = settings;
      this.sink = sink;
    }

    @Override
    public void afterEpoch(Learner learn) {
      sink.lines.add(settings.prefix() + learn.epoch());
    }
  }

  /** A user's module: no jfastai code changes to register a callback. */
  static final class UserModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(EpochLogSettings.class).toInstance(new EpochLogSettings("epoch "));
      CallbackBinder.callbacks(binder()).addBinding().to(EpochLogCallback.class);
    }
  }

  @Test
  void learnerFactoryInjectsCallbacksFromUserModules() {
    Injector injector = Guice.createInjector(new LearnerModule(), new UserModule());
    Learner learn = injector.getInstance(LearnerFactory.class).builder(TinyProblem.dls(4, 4, 4, false, 1),
        TinyProblem.model(1)).optFunc(BasicOptim::new).lossFunc(Losses::mnistLoss).path(dir).build();
    learn.fit(2, 0.1f);
    assertEquals(List.of("epoch 0", "epoch 1"), injector.getInstance(Sink.class).lines);
    assertTrue(learn.callback(EpochLogCallback.class).isPresent());
  }

  @Test
  void eachLearnerGetsItsOwnCallbackInstances() {
    Injector injector = Guice.createInjector(new LearnerModule(), new UserModule());
    LearnerFactory factory = injector.getInstance(LearnerFactory.class);
    Learner a = factory.builder(TinyProblem.dls(4, 4, 4, false, 1), TinyProblem.model(1)).optFunc(BasicOptim::new)
        .lossFunc(Losses::mnistLoss).build();
    Learner b = factory.builder(TinyProblem.dls(4, 4, 4, false, 1), TinyProblem.model(1)).optFunc(BasicOptim::new)
        .lossFunc(Losses::mnistLoss).build();
    assertNotSame(a.callback(EpochLogCallback.class).orElseThrow(), b.callback(EpochLogCallback.class).orElseThrow());
  }

  @Test
  void builderTakesCallbacksFromAnInjector() {
    Injector injector = Guice.createInjector(new UserModule());
    Learner learn = Learner.builder(TinyProblem.dls(4, 4, 4, false, 1), TinyProblem.model(1))
        .optFunc(BasicOptim::new).lossFunc(Losses::mnistLoss).callbacksFrom(injector).path(dir).build();
    learn.fit(1, 0.1f);
    assertEquals(List.of("epoch 0"), injector.getInstance(Sink.class).lines);
  }

  @Test
  void factoryWorksWithNoCallbacksBound() {
    Injector injector = Guice.createInjector(new LearnerModule());
    Learner learn = injector.getInstance(LearnerFactory.class).builder(TinyProblem.dls(4, 4, 4, false, 1),
        TinyProblem.model(1)).optFunc(BasicOptim::new).lossFunc(Losses::mnistLoss).build();
    assertEquals(2, learn.callbacks().size()); // TrainEvalCallback and Recorder
  }
}
