package dev.jfastai.nn.internal;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;

/**
 * Element-wise binary cross-entropy on logits, max(x, 0) - x t + log1p(exp(-|x|)), with the exact gradients
 * d/dx = sigmoid(x) - t and d/dt = -x (a composition would get x = 0 wrong through abs and clamp).
 */
public final class BceWithLogitsFunction extends Function {
  private Tensor logits;
  private Tensor targets;

  @Override
  protected Tensor forward(Tensor... inputs) {
    logits = save(inputs[0]);
    targets = save(inputs[1]);
    float[] x = logits.array();
    float[] t = targets.array();
    int xOff = logits.arrayOffset();
    int tOff = targets.arrayOffset();
    float[] out = new float[logits.numel()];
    for (int i = 0; i < out.length; i++) {
      double xi = x[xOff + i];
      out[i] = (float) (Math.max(xi, 0) - xi * t[tOff + i] + Math.log1p(Math.exp(-Math.abs(xi))));
    }
    return Tensor.wrap(out, logits.shape());
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = grad.array();
    float[] x = logits.array();
    float[] t = targets.array();
    int gOff = grad.arrayOffset();
    int xOff = logits.arrayOffset();
    int tOff = targets.arrayOffset();
    int n = logits.numel();
    int[] shape = logits.shape();
    Tensor dx = null;
    Tensor dt = null;
    if (needsInputGrad(0)) {
      float[] d = new float[n];
      for (int i = 0; i < n; i++) d[i] = (float) (g[gOff + i] * (1 / (1 + Math.exp(-x[xOff + i])) - t[tOff + i]));
      dx = Tensor.wrap(d, shape);
    }
    if (needsInputGrad(1)) {
      float[] d = new float[n];
      for (int i = 0; i < n; i++) d[i] = -g[gOff + i] * x[xOff + i];
      dt = Tensor.wrap(d, shape);
    }
    return new Tensor[] {dx, dt};
  }
}
