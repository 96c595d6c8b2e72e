package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.internal.StoragePool;
import java.util.Arrays;

/**
 * Averages over rectangular windows of each plane of [planes, H, W], separable into row and column ranges: output
 * (oy, ox) averages rows rowFrom[oy]..rowTo[oy]-1 and columns colFrom[ox]..colTo[ox]-1, divided by
 * rowCount[oy] * colCount[ox] (which may count padding). Average pooling and adaptive average pooling are both this,
 * with their own windows; backward spreads each output's gradient over its window with the same divisor.
 */
final class PoolWindows {
  private final int height;
  private final int width;
  private final int[] rowFrom;
  private final int[] rowTo;
  private final int[] rowCount;
  private final int[] colFrom;
  private final int[] colTo;
  private final int[] colCount;

  PoolWindows(int height, int width, int[] rowFrom, int[] rowTo, int[] rowCount, int[] colFrom, int[] colTo,
              int[] colCount) {
    this.height = height;
    this.width = width;
    this.rowFrom = rowFrom;
    this.rowTo = rowTo;
    this.rowCount = rowCount;
    this.colFrom = colFrom;
    this.colTo = colTo;
    this.colCount = colCount;
  }

  int outputSize(int planes) {
    return planes * rowFrom.length * colFrom.length;
  }

  /** out[plane, oy, ox] = the window's sum / its divisor, for planes of x at xOff. */
  void average(float[] x, int xOff, int planes, float[] out) {
    walk(x, xOff, planes, out, 0, false);
  }

  /** dx [planes, H, W] (written in full, into a pooled array) from the gradient of the averages at gOff. */
  float[] spread(float[] grad, int gOff, int planes) {
    float[] dx = StoragePool.take(planes * height * width);
    Arrays.fill(dx, 0f); // windows may overlap or skip pixels: sums start from zero
    walk(dx, 0, planes, grad, gOff, true);
    return dx;
  }

  private void walk(float[] x, int xOff, int planes, float[] out, int outOff, boolean spread) {
    int o = outOff;
    for (int plane = 0; plane < planes; plane++) {
      int base = xOff + plane * height * width;
      for (int oy = 0; oy < rowFrom.length; oy++) {
        for (int ox = 0; ox < colFrom.length; ox++, o++) {
          int divisor = rowCount[oy] * colCount[ox];
          if (spread) {
            float share = out[o] / divisor;
            for (int h = rowFrom[oy]; h < rowTo[oy]; h++) {
              for (int w = colFrom[ox]; w < colTo[ox]; w++) x[base + h * width + w] += share;
            }
          } else {
            float sum = 0;
            for (int h = rowFrom[oy]; h < rowTo[oy]; h++) {
              for (int w = colFrom[ox]; w < colTo[ox]; w++) sum += x[base + h * width + w];
            }
            out[o] = sum / divisor;
          }
        }
      }
    }
  }
}
