package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Pool2dOptions;
import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;

/** The shape bookkeeping max and average pooling share: input planes [N*C, H, W] and the output size. */
record Pool2d(int[] inputShape, int planes, int height, int width, int outHeight, int outWidth, int kernelHeight,
    int kernelWidth, int strideHeight, int strideWidth, int padHeight, int padWidth) {

  static Pool2d of(String op, Tensor x, Pool2dOptions options) {
    int[] xs = x.shape();
    if (xs.length != 4) throw new IllegalArgumentException(op + ": expects input [N, C, H, W], got " + Shapes.str(xs));
    int[] k = options.kernel();
    int[] s = options.stride();
    int[] p = options.padding();
    int oh = (xs[2] + 2 * p[0] - k[0]) / s[0] + 1;
    int ow = (xs[3] + 2 * p[1] - k[1]) / s[1] + 1;
    if (xs[2] + 2 * p[0] < k[0] || xs[3] + 2 * p[1] < k[1]) {
      throw new IllegalArgumentException(op + ": the padded input " + Shapes.str(xs) + " is smaller than the window ("
          + options + ")");
    }
    return new Pool2d(xs, xs[0] * xs[1], xs[2], xs[3], oh, ow, k[0], k[1], s[0], s[1], p[0], p[1]);
  }

  int[] outputShape() {
    return new int[] {inputShape[0], inputShape[1], outHeight, outWidth};
  }

  int outputSize() {
    return planes * outHeight * outWidth;
  }
}
