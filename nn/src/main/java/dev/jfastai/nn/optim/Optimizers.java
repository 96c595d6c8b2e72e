package dev.jfastai.nn.optim;

import java.util.List;
import java.util.function.Consumer;

/**
 * Factories for every optimizer, fastai's {@code opt_func}s: pass one to a Learner, which calls it with the model's
 * parameters and learning rate. Defaults follow PyTorch; options go through the optimizer's builder, as fastai's
 * {@code partial(SGD, mom=0.9)}: {@code Optimizers.sgd(o -> o.momentum(0.9).weightDecay(1e-4))}.
 */
public final class Optimizers {
  private Optimizers() {}

  /** The chapter's {@link BasicOptim}. */
  public static OptimizerFactory basic() {
    return BasicOptim::new;
  }

  /** Plain SGD, no momentum or weight decay. */
  public static OptimizerFactory sgd() {
    return SGD::new;
  }

  /**
   * SGD with the options {@code options} sets on each optimizer's {@link SGD.Builder}, e.g.
   * {@code sgd(o -> o.momentum(0.9).nesterov(true))}; an invalid value throws here, naming the option.
   */
  public static OptimizerFactory sgd(Consumer<SGD.Builder> options) {
    configured(SGD.builder(List.of(), 0), options); // a bad option fails here, not at the learner's first fit
    return (params, lr) -> configured(SGD.builder(params, lr), options).build();
  }

  /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
  public static OptimizerFactory adam() {
    return Adam::new;
  }

  /** Adam with the options {@code options} sets on each optimizer's {@link Adam.Builder}. */
  public static OptimizerFactory adam(Consumer<Adam.Builder> options) {
    configured(Adam.builder(List.of(), 0), options); // a bad option fails here, not at the learner's first fit
    return (params, lr) -> configured(Adam.builder(params, lr), options).build();
  }

  /**
   * fastai's default {@code Adam}: betas (0.9, 0.99), eps 1e-5 and decoupled weight decay 0.01 (AdamW's update
   * with fastai's defaults). A {@code Learner} exempts biases and normalization weights from the decay.
   */
  public static OptimizerFactory fastaiAdam() {
    return adamW(o -> o.betas(0.9, 0.99).eps(1e-5).weightDecay(0.01));
  }

  /** AdamW with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, decoupled weight decay 0.01. */
  public static OptimizerFactory adamW() {
    return AdamW::new;
  }

  /** AdamW with the options {@code options} sets on each optimizer's {@link AdamW.Builder}. */
  public static OptimizerFactory adamW(Consumer<AdamW.Builder> options) {
    configured(AdamW.builder(List.of(), 0), options); // a bad option fails here, not at the learner's first fit
    return (params, lr) -> configured(AdamW.builder(params, lr), options).build();
  }

  private static <B> B configured(B builder, Consumer<B> options) {
    options.accept(builder);
    return builder;
  }
}
