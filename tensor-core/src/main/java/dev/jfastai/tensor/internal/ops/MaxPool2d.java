package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Pool2dOptions;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.StoragePool;
import java.util.Arrays;

/**
 * Max pooling over windows of NCHW planes, padding never winning. Each output remembers where its maximum came from
 * (the first in scan order on ties, NaN winning, as PyTorch's CPU kernel); backward routes the gradient there.
 */
public final class MaxPool2d extends BuiltInOp {
  private final Pool2dOptions options;
  private Pool2d pool;
  private int[] argmax; // per output, the flat index h*W + w within its plane

  public MaxPool2d(Pool2dOptions options) {
    this.options = options;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    // backward needs only what forward derives from x, but PyTorch saves x too, so an in-place change of x
    // before backward fails here as it does there
    Tensor x = save(in[0]);
    pool = Pool2d.of("maxPool2d", x, options);
    Pool2d p = pool;
    float[] xa = x.array();
    float[] y = StoragePool.take(p.outputSize()); // every element is written
    argmax = new int[y.length];
    int planeSize = p.height() * p.width();
    int out = 0;
    for (int plane = 0; plane < p.planes(); plane++) {
      int base = x.arrayOffset() + plane * planeSize;
      for (int oy = 0; oy < p.outHeight(); oy++) {
        int h0 = oy * p.strideHeight() - p.padHeight();
        int hFrom = Math.max(h0, 0);
        int hTo = Math.min(h0 + p.kernelHeight(), p.height());
        for (int ox = 0; ox < p.outWidth(); ox++, out++) {
          int w0 = ox * p.strideWidth() - p.padWidth();
          int wFrom = Math.max(w0, 0);
          int wTo = Math.min(w0 + p.kernelWidth(), p.width());
          float best = Float.NEGATIVE_INFINITY;
          int at = hFrom * p.width() + wFrom;
          for (int h = hFrom; h < hTo; h++) {
            for (int w = wFrom; w < wTo; w++) {
              float v = xa[base + h * p.width() + w];
              if (v > best || Float.isNaN(v)) {
                best = v;
                at = h * p.width() + w;
              }
            }
          }
          y[out] = best;
          argmax[out] = at;
        }
      }
    }
    return Tensor.wrap(y, p.outputShape());
  }

  /** The input gradient is written in full into an array of its own. */
  @Override
  protected boolean returnsFreshGradients() {
    return true;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Pool2d p = pool;
    float[] ga = g.array();
    int planeSize = p.height() * p.width();
    int perPlane = p.outHeight() * p.outWidth();
    float[] dx = StoragePool.take(p.planes() * planeSize);
    Arrays.fill(dx, 0f); // the routed gradients are summed into it
    for (int out = 0; out < argmax.length; out++) {
      dx[out / perPlane * planeSize + argmax[out]] += ga[g.arrayOffset() + out];
    }
    return new Tensor[] {Tensor.wrap(dx, p.inputShape())};
  }
}
