package dev.jfastai.nn.internal;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;

/**
 * log_softmax along one dimension: y = x - max - log(sum(exp(x - max))); backward: dx = g - softmax * sum(g).
 * Fused because composing it would exp() large inputs before the max is subtracted, and cost several temporaries.
 */
public final class LogSoftmaxFunction extends Function {
  private final int dim;
  private Tensor output; // saved for backward: softmax = exp(output)
  private AxisLayout layout;

  public LogSoftmaxFunction(int dim) {
    this.dim = dim;
  }

  @Override
  protected Tensor forward(Tensor... inputs) {
    Tensor x = inputs[0];
    int[] shape = x.shape();
    layout = AxisLayout.of(shape, dim, "logSoftmax");
    float[] in = x.array();
    int inOff = x.arrayOffset();
    float[] out = new float[x.numel()];
    for (int o = 0; o < layout.outer(); o++) {
      for (int i = 0; i < layout.inner(); i++) {
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < layout.n(); k++) max = Math.max(max, in[inOff + layout.at(o, k, i)]);
        if (max == Float.NEGATIVE_INFINITY) max = 0; // all -inf: keep -inf outputs instead of NaN
        double sum = 0;
        for (int k = 0; k < layout.n(); k++) sum += Math.exp(in[inOff + layout.at(o, k, i)] - max);
        float logSum = (float) Math.log(sum);
        for (int k = 0; k < layout.n(); k++) {
          int j = layout.at(o, k, i);
          out[j] = in[inOff + j] - max - logSum;
        }
      }
    }
    output = save(Tensor.wrap(out, shape));
    return output;
  }

  /** Backward only reads the gradient it is given, so its storage may be recycled. */
  @Override
  protected boolean keepsGradOutput() {
    return false;
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = grad.array();
    int gOff = grad.arrayOffset();
    float[] y = output.array();
    float[] dx = new float[y.length];
    for (int o = 0; o < layout.outer(); o++) {
      for (int i = 0; i < layout.inner(); i++) {
        double sum = 0;
        for (int k = 0; k < layout.n(); k++) sum += g[gOff + layout.at(o, k, i)];
        for (int k = 0; k < layout.n(); k++) {
          int j = layout.at(o, k, i);
          dx[j] = (float) (g[gOff + j] - Math.exp(y[j]) * sum);
        }
      }
    }
    return new Tensor[] {Tensor.wrap(dx, output.shape())};
  }
}
