package dev.jfastai.nn.optim;

import dev.jfastai.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * AdamW with PyTorch's semantics: Adam whose weight decay is decoupled, {@code p *= 1 - lr * wd} before the Adam
 * step. Same hyper-parameters and state as {@link Adam}; defaults (0.9, 0.999, 1e-8, wd 0.01) as PyTorch.
 */
public final class AdamW extends AdamBase {
  public AdamW(List<Tensor> params, double lr) {
    this(params, lr, 0.9, 0.999, 1e-8, 0.01);
  }

  public AdamW(List<Tensor> params, double lr, double mom, double sqrMom, double eps, double wd) {
    this(List.of(new ParamGroup(params)), defaults(lr, mom, sqrMom, eps, wd));
  }

  /** AdamW over several groups; each group's own hyper-parameters override the values given here. */
  public static AdamW withGroups(List<ParamGroup> groups, double lr, double mom, double sqrMom, double eps, double wd) {
    return new AdamW(groups, defaults(lr, mom, sqrMom, eps, wd));
  }

  private AdamW(List<ParamGroup> groups, Map<String, Double> defaults) {
    super(groups, defaults, true);
  }
}
