package dev.jfastai.examples.callbacks;

import com.google.inject.AbstractModule;
import com.google.inject.name.Names;
import dev.jfastai.learner.CallbackBinder;
import java.io.PrintStream;

/**
 * Guice module that adds {@link GradNormCallback} to every learner built from the injector:
 * {@code Guice.createInjector(new LearnerModule(), new GradNormModule(50, out))}.
 */
public final class GradNormModule extends AbstractModule {
  /** Name of the injected batch interval. */
  public static final String EVERY = "gradNorm.every";
  /** Name of the injected output. */
  public static final String OUT = "gradNorm.out";

  private final int every;
  private final PrintStream out;

  /** Prints every {@code every} training batches to {@code out}. */
  public GradNormModule(int every, PrintStream out) {
    this.every = every;
    this.out = out;
  }

  @Override
  protected void configure() {
    bindConstant().annotatedWith(Names.named(EVERY)).to(every);
    bind(PrintStream.class).annotatedWith(Names.named(OUT)).toInstance(out);
    CallbackBinder.callbacks(binder()).addBinding().to(GradNormCallback.class);
  }
}
