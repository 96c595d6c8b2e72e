package dev.jfastai.nn.optim;

import dev.jfastai.tensor.Tensor;
import java.util.List;

/**
 * Adam with PyTorch's semantics (bias-corrected moments, L2 weight decay added to the gradient; no amsgrad).
 * Hyper-parameters {@code lr}, {@code mom} (beta1), {@code sqrMom} (beta2), {@code eps}, {@code wd}; state
 * {@code step}, {@code exp_avg}, {@code exp_avg_sq} per parameter. Defaults are PyTorch's (0.9, 0.999, 1e-8, 0),
 * not fastai's (0.9, 0.99, 1e-5, 0.01 decoupled); other values come from {@link #builder}.
 */
public final class Adam extends AdamBase {
  /** Adam with PyTorch's defaults. */
  public Adam(List<Tensor> params, double lr) {
    this(builder(params, lr));
  }

  /** Adam with options by name: {@code Adam.builder(params, 1e-3).betas(0.9, 0.99).weightDecay(0.01).build()}. */
  public static Builder builder(List<Tensor> params, double lr) {
    return new Builder(List.of(new ParamGroup(params)), lr);
  }

  /** Adam over several groups; each group's own hyper-parameters override the builder's values. */
  public static Builder builderForGroups(List<ParamGroup> groups, double lr) {
    return new Builder(groups, lr);
  }

  private Adam(Builder b) {
    super(b, false);
  }

  /** Configures an {@link Adam}: {@code betas}, {@code eps} and L2 {@code weightDecay}, PyTorch's defaults. */
  public static final class Builder extends Options<Builder> {
    private Builder(List<ParamGroup> groups, double lr) {
      super("Adam", groups, lr, 0);
    }

    @Override
    Builder self() {
      return this;
    }

    public Adam build() {
      return new Adam(this);
    }
  }
}
