package dev.jfastai.nn.internal;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;

/**
 * The chapter's MNIST loss, mean(where(t == 1, 1 - sigmoid(x), sigmoid(x))), as one op: one pass each way instead of
 * six ops and their graph nodes, which cost more than the arithmetic on a batch of 256. Every float operation is the
 * composition's, in the same order (sum in double, then divide), so values and gradients are the same bits. No
 * gradient flows to the targets, as through the composition's {@code t == 1}.
 */
public final class MnistLossFunction extends Function {
  private Tensor probs;
  private Tensor targets;

  @Override
  protected Tensor forward(Tensor... inputs) {
    probs = inputs[0].sigmoid();
    targets = save(inputs[1]);
    float[] p = probs.array();
    float[] t = targets.array();
    int tOff = targets.arrayOffset();
    int n = p.length;
    double sum = 0;
    for (int i = 0; i < n; i++) sum += t[tOff + i] == 1f ? 1f - p[i] : p[i];
    return Tensor.scalar((float) sum / n);
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] p = probs.array();
    float[] t = targets.array();
    int tOff = targets.arrayOffset();
    int n = p.length;
    // d mean / d term, then the sign from where(t == 1, 1 - p, p); "0 - s" keeps the composition's +0 for s = 0.
    float share = grad.item() / n;
    float[] d = new float[n];
    for (int i = 0; i < n; i++) {
      float dp = t[tOff + i] == 1f ? 0f - share : share;
      d[i] = dp * p[i] * (1f - p[i]); // sigmoid's gradient, evaluated as in its op
    }
    return new Tensor[] {Tensor.wrap(d, probs.shape()), null};
  }
}
