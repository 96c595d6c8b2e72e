package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Function;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;

/**
 * Average pooling of NCHW planes to a fixed output size: output row o averages input rows
 * floor(o*H/OH) to ceil((o+1)*H/OH) - 1 (PyTorch's formulas), likewise for columns. Backward spreads each output's
 * gradient evenly over its window.
 */
public final class AdaptiveAvgPool2d extends Function {
  private final int outHeight;
  private final int outWidth;
  private int[] shape;

  public AdaptiveAvgPool2d(int outHeight, int outWidth) {
    if (outHeight < 1 || outWidth < 1) {
      throw new IllegalArgumentException("adaptiveAvgPool2d: output size must be >= 1, got " + outHeight + "x"
          + outWidth);
    }
    this.outHeight = outHeight;
    this.outWidth = outWidth;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    shape = x.shape();
    if (shape.length != 4 || shape[2] == 0 || shape[3] == 0) {
      throw new IllegalArgumentException("adaptiveAvgPool2d: expects a non-empty input [N, C, H, W], got "
          + Shapes.str(shape));
    }
    float[] y = new float[shape[0] * shape[1] * outHeight * outWidth];
    walk(x.array(), x.arrayOffset(), y, false);
    return Tensor.wrap(y, shape[0], shape[1], outHeight, outWidth);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    float[] dx = new float[Shapes.numel(shape)];
    walk(dx, 0, g.toFloatArray(), true);
    return new Tensor[] {Tensor.wrap(dx, shape)};
  }

  /** Forward: out[o] = mean of x over o's window. Backward ({@code spread}): x[window] += out[o] / window size. */
  private void walk(float[] x, int xOff, float[] out, boolean spread) {
    int h = shape[2];
    int w = shape[3];
    int o = 0;
    for (int plane = 0; plane < shape[0] * shape[1]; plane++) {
      int base = xOff + plane * h * w;
      for (int oy = 0; oy < outHeight; oy++) {
        int hFrom = oy * h / outHeight;
        int hTo = ((oy + 1) * h + outHeight - 1) / outHeight;
        for (int ox = 0; ox < outWidth; ox++, o++) {
          int wFrom = ox * w / outWidth;
          int wTo = ((ox + 1) * w + outWidth - 1) / outWidth;
          int count = (hTo - hFrom) * (wTo - wFrom);
          if (spread) {
            float share = out[o] / count;
            for (int r = hFrom; r < hTo; r++) {
              for (int c = wFrom; c < wTo; c++) x[base + r * w + c] += share;
            }
          } else {
            float sum = 0;
            for (int r = hFrom; r < hTo; r++) {
              for (int c = wFrom; c < wTo; c++) sum += x[base + r * w + c];
            }
            out[o] = sum / count;
          }
        }
      }
    }
  }
}
