package dev.jfastai.nn.optim;

import dev.jfastai.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chapter's optimizer: {@code p -= grad * lr} for each parameter, and {@link #zeroGrad()} sets gradients to null.
 * Its only hyper-parameter is {@code lr}; {@code BasicOptim::new} is an {@link OptimizerFactory}.
 */
public final class BasicOptim extends AbstractOptimizer {
  public BasicOptim(List<Tensor> params, float lr) {
    super(List.of(new ParamGroup(params)), Map.of(LR, lr), Set.of(), Set.of());
    requireNonNegative(LR, lr);
  }

  @Override
  protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group) {
    float lr = group.get(LR);
    float[] p = param.array();
    float[] g = grad.array();
    int po = param.arrayOffset();
    int go = grad.arrayOffset();
    for (int i = 0, n = param.numel(); i < n; i++) p[po + i] -= g[go + i] * lr;
  }
}
