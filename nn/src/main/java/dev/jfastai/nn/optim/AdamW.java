package dev.jfastai.nn.optim;

import dev.jfastai.tensor.Tensor;
import java.util.List;

/**
 * AdamW with PyTorch's semantics: Adam whose weight decay is decoupled, {@code p *= 1 - lr * wd} before the Adam
 * step. Same hyper-parameters and state as {@link Adam}; defaults (0.9, 0.999, 1e-8, wd 0.01) as PyTorch, other
 * values from {@link #builder}.
 */
public final class AdamW extends AdamBase {
  /** AdamW with PyTorch's defaults. */
  public AdamW(List<Tensor> params, double lr) {
    this(builder(params, lr));
  }

  /** AdamW with options by name: {@code AdamW.builder(params, 1e-3).betas(0.9, 0.99).weightDecay(0.01).build()}. */
  public static Builder builder(List<Tensor> params, double lr) {
    return new Builder(List.of(new ParamGroup(params)), lr);
  }

  /** AdamW over several groups; each group's own hyper-parameters override the builder's values. */
  public static Builder builderForGroups(List<ParamGroup> groups, double lr) {
    return new Builder(groups, lr);
  }

  private AdamW(Builder b) {
    super(b, true);
  }

  /** Configures an {@link AdamW}: {@code betas}, {@code eps} and decoupled {@code weightDecay}, PyTorch's defaults. */
  public static final class Builder extends Options<Builder> {
    private Builder(List<ParamGroup> groups, double lr) {
      super("AdamW", groups, lr, 0.01);
    }

    @Override
    Builder self() {
      return this;
    }

    public AdamW build() {
      return new AdamW(this);
    }
  }
}
