package dev.jfastai.nn.optim;

import dev.jfastai.tensor.NoGrad;
import dev.jfastai.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chapter's optimizer: {@code p -= grad * lr} for each parameter, and {@link #zeroGrad()} sets gradients to null.
 * Its only hyper-parameter is {@code lr}; {@code BasicOptim::new} is an {@link OptimizerFactory}.
 */
public final class BasicOptim extends AbstractOptimizer {
  public BasicOptim(List<Tensor> params, double lr) {
    super(List.of(new ParamGroup(params)), Map.of(LR, lr), Set.of(), Set.of());
    requireNonNegative(LR, lr);
  }

  @Override
  protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group) {
    // p + (-lr)*g has the bits of p - g*lr: negation is exact. addInPlace runs the vectorized loop.
    try (NoGrad ignored = Tensor.noGrad()) {
      param.addInPlace(grad, -group.value(LR));
    }
  }

  /** {@link #update} reads the gradient's array and keeps nothing of it. */
  @Override
  protected boolean updateKeepsNoGradient() {
    return true;
  }
}
