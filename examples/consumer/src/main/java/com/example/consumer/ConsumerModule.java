package com.example.consumer;

import com.google.inject.AbstractModule;
import com.google.inject.name.Names;
import dev.jfastai.callbacks.CsvLogger;
import dev.jfastai.learner.CallbackBinder;

/** Registers the consumer's callback (and its setting) and jfastai's CSV logger with every learner it builds. */
public final class ConsumerModule extends AbstractModule {
  private final double targetAccuracy;

  public ConsumerModule(double targetAccuracy) {
    this.targetAccuracy = targetAccuracy;
  }

  @Override
  protected void configure() {
    bindConstant().annotatedWith(Names.named("targetAccuracy")).to(targetAccuracy);
    CallbackBinder.callbacks(binder()).addBinding().to(StopAtAccuracyCallback.class);
    CallbackBinder.callbacks(binder()).addBinding()
        .toProvider(() -> CsvLogger.builder().fileName("history.csv").build());
  }
}
