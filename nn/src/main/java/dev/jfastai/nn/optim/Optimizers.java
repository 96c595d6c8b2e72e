package dev.jfastai.nn.optim;

/**
 * Factories for every optimizer, fastai's {@code opt_func}s: pass one to a Learner, which calls it with the model's
 * parameters and learning rate. Defaults follow PyTorch.
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

  /** SGD with momentum {@code mom} and L2 weight decay {@code wd}. */
  public static OptimizerFactory sgd(double mom, double wd) {
    return sgd(mom, 0, wd, false);
  }

  /** SGD with every option of PyTorch's. */
  public static OptimizerFactory sgd(double mom, double dampening, double wd, boolean nesterov) {
    return (params, lr) -> new SGD(params, lr, mom, dampening, wd, nesterov);
  }

  /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
  public static OptimizerFactory adam() {
    return Adam::new;
  }

  /** Adam with betas ({@code mom}, {@code sqrMom}), {@code eps} and L2 weight decay {@code wd}. */
  public static OptimizerFactory adam(double mom, double sqrMom, double eps, double wd) {
    return (params, lr) -> new Adam(params, lr, mom, sqrMom, eps, wd);
  }

  /**
   * fastai's default {@code Adam}: betas (0.9, 0.99), eps 1e-5 and decoupled weight decay 0.01 (AdamW's update
   * with fastai's defaults). A {@code Learner} exempts biases and normalization weights from the decay.
   */
  public static OptimizerFactory fastaiAdam() {
    return (params, lr) -> new AdamW(params, lr, 0.9f, 0.99f, 1e-5f, 0.01f);
  }

  /** AdamW with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, decoupled weight decay 0.01. */
  public static OptimizerFactory adamW() {
    return AdamW::new;
  }

  /** AdamW with betas ({@code mom}, {@code sqrMom}), {@code eps} and decoupled weight decay {@code wd}. */
  public static OptimizerFactory adamW(double mom, double sqrMom, double eps, double wd) {
    return (params, lr) -> new AdamW(params, lr, mom, sqrMom, eps, wd);
  }
}
