package dev.jfastai.nn.optim;

import dev.jfastai.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Adam with PyTorch's semantics (bias-corrected moments, L2 weight decay added to the gradient; no amsgrad).
 * Hyper-parameters {@code lr}, {@code mom} (beta1), {@code sqrMom} (beta2), {@code eps}, {@code wd}; state
 * {@code step}, {@code exp_avg}, {@code exp_avg_sq} per parameter. Defaults are PyTorch's (0.9, 0.999, 1e-8, 0),
 * not fastai's (0.9, 0.99, 1e-5, 0.01 decoupled).
 */
public final class Adam extends AdamBase {
  public Adam(List<Tensor> params, double lr) {
    this(params, lr, 0.9, 0.999, 1e-8, 0);
  }

  public Adam(List<Tensor> params, double lr, double mom, double sqrMom, double eps, double wd) {
    this(List.of(new ParamGroup(params)), defaults(lr, mom, sqrMom, eps, wd));
  }

  /** Adam over several groups; each group's own hyper-parameters override the values given here. */
  public static Adam withGroups(List<ParamGroup> groups, double lr, double mom, double sqrMom, double eps, double wd) {
    return new Adam(groups, defaults(lr, mom, sqrMom, eps, wd));
  }

  private Adam(List<ParamGroup> groups, Map<String, Double> defaults) {
    super(groups, defaults, false);
  }
}
