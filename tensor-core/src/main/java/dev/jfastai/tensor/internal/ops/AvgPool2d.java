package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Pool2dOptions;
import dev.jfastai.tensor.Tensor;

/**
 * Average pooling over windows of NCHW planes. The divisor is the window size, padded zeros included, or with
 * {@code countIncludePad=false} the number of real input elements it covers (PyTorch's rule). Backward spreads each
 * output's gradient, divided by the same divisor, over its window.
 */
public final class AvgPool2d extends Function {
  private final Pool2dOptions options;
  private Pool2d pool;

  public AvgPool2d(Pool2dOptions options) {
    this.options = options;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    pool = Pool2d.of("avgPool2d", x, options);
    float[] y = new float[pool.outputSize()];
    walk(x.array(), x.arrayOffset(), y, false);
    return Tensor.wrap(y, pool.outputShape());
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    float[] dx = new float[pool.planes() * pool.height() * pool.width()];
    float[] gradient = g.toFloatArray();
    walk(dx, 0, gradient, true);
    return new Tensor[] {Tensor.wrap(dx, pool.inputShape())};
  }

  /** Forward: out[o] = mean of x over o's window. Backward ({@code spread}): x[window] += out[o] / divisor. */
  private void walk(float[] x, int xOff, float[] out, boolean spread) {
    Pool2d p = pool;
    int planeSize = p.height() * p.width();
    int o = 0;
    for (int plane = 0; plane < p.planes(); plane++) {
      int base = xOff + plane * planeSize;
      for (int oy = 0; oy < p.outHeight(); oy++) {
        int h0 = oy * p.strideHeight() - p.padHeight();
        int hEnd = Math.min(h0 + p.kernelHeight(), p.height() + p.padHeight());
        int hFrom = Math.max(h0, 0);
        int hTo = Math.min(hEnd, p.height());
        for (int ox = 0; ox < p.outWidth(); ox++, o++) {
          int w0 = ox * p.strideWidth() - p.padWidth();
          int wEnd = Math.min(w0 + p.kernelWidth(), p.width() + p.padWidth());
          int wFrom = Math.max(w0, 0);
          int wTo = Math.min(wEnd, p.width());
          int divisor = options.countIncludePad() ? (hEnd - h0) * (wEnd - w0) : (hTo - hFrom) * (wTo - wFrom);
          if (spread) {
            float share = out[o] / divisor;
            for (int h = hFrom; h < hTo; h++) {
              for (int w = wFrom; w < wTo; w++) x[base + h * p.width() + w] += share;
            }
          } else {
            float sum = 0;
            for (int h = hFrom; h < hTo; h++) {
              for (int w = wFrom; w < wTo; w++) sum += x[base + h * p.width() + w];
            }
            out[o] = sum / divisor;
          }
        }
      }
    }
  }
}
