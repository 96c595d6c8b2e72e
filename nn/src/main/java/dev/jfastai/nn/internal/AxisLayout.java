package dev.jfastai.nn.internal;

import java.util.Arrays;

/**
 * A row-major shape seen as [outer, n, inner] around one dimension: element (o, k, i) is at (o * n + k) * inner + i.
 */
record AxisLayout(int outer, int n, int inner) {
  static AxisLayout of(int[] shape, int dim, String op) {
    int d = dim < 0 ? dim + shape.length : dim;
    if (d < 0 || d >= shape.length) {
      throw new IllegalArgumentException(op + ": dim " + dim + " out of range for shape " + Arrays.toString(shape));
    }
    int outer = 1;
    int inner = 1;
    for (int i = 0; i < d; i++) outer = Math.multiplyExact(outer, shape[i]); // a tensor's shape: fits an int
    for (int i = d + 1; i < shape.length; i++) inner = Math.multiplyExact(inner, shape[i]);
    return new AxisLayout(outer, shape[d], inner);
  }

  /** Index of element k along the axis of line (o, i), relative to the tensor start. */
  int at(int o, int k, int i) {
    return (o * n + k) * inner + i;
  }
}
