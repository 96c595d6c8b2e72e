package dev.jfastai.nn;

import dev.jfastai.tensor.Pool2dOptions;

/** PyTorch's repr of pooling settings: a single number when both axes agree, else a tuple. */
final class Pool2dRepr {
  private Pool2dRepr() {}

  static String of(Pool2dOptions o, boolean average) {
    String s = "kernel_size=" + value(o.kernel()) + ", stride=" + value(o.stride()) + ", padding="
        + value(o.padding());
    return average ? s : s + ", dilation=1, ceil_mode=False";
  }

  private static String value(int[] v) {
    return v[0] == v[1] ? Integer.toString(v[0]) : "(" + v[0] + ", " + v[1] + ")";
  }
}
