package dev.jfastai.tensor.internal;

import java.util.Arrays;

/** Shape arithmetic shared by the ops: sizes, dim normalisation, broadcasting, and messages that name shapes. */
public final class Shapes {
  private Shapes() {}

  /**
   * The element count of {@code shape}, checked: sizes are non-negative and the product of the non-zero ones fits
   * a Java array (2^31-1), so every partial product of a tensor's sizes (strides, offsets) fits an int too.
   */
  public static int numel(int[] shape) {
    long nonZero = 1; // stays <= 2^31-1 between steps, so each product fits a long
    boolean empty = false;
    for (int s : shape) {
      if (s < 0) throw new IllegalArgumentException("negative size in shape " + str(shape));
      if (s == 0) {
        empty = true;
      } else {
        nonZero *= s;
        if (nonZero > Integer.MAX_VALUE) throw tooLarge(shape);
      }
    }
    return empty ? 0 : (int) nonZero;
  }

  /** The product of {@code shape[from..to)}, or an error naming the shape when it does not fit an int. */
  public static int product(int[] shape, int from, int to) {
    int n = 1;
    try {
      for (int i = from; i < to; i++) n = Math.multiplyExact(n, shape[i]);
    } catch (ArithmeticException e) {
      throw tooLarge(shape);
    }
    return n;
  }

  private static IllegalArgumentException tooLarge(int[] shape) {
    return new IllegalArgumentException("shape " + str(shape) + " is too large: its sizes multiply to more than"
        + " 2^31-1 elements, the most a Java array holds");
  }

  /** How many values {@code arange(start, end, step)} has, or an error when a Java array cannot hold them. */
  public static int arangeLength(float start, float end, float step) {
    if (step == 0 || Float.isNaN(step)) {
      throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
    }
    double count = Math.max(0, Math.ceil((end - start) / (double) step));
    if (!(count <= Integer.MAX_VALUE - 8)) { // also NaN, from infinite bounds
      throw new IllegalArgumentException("arange: start " + start + ", end " + end + " and step " + step + " give "
          + count + " values, more than a Java array holds");
    }
    return (int) count;
  }

  public static String str(int[] shape) {
    return Arrays.toString(shape);
  }

  /** Checks that every size is non-negative; returns a private copy. */
  public static int[] checked(String op, int[] shape) {
    for (int s : shape) {
      if (s < 0) throw new IllegalArgumentException(op + ": negative size in shape " + str(shape));
    }
    return shape.clone();
  }

  /** Checks that {@code length} values exactly fill {@code shape}. */
  public static void checkFills(String op, int length, int[] shape) {
    if (length != numel(checked(op, shape))) {
      throw new IllegalArgumentException(op + ": " + length + " values do not fill shape " + str(shape));
    }
  }

  /** Maps a possibly negative dim (-1 = last) into [0, rank), or throws naming the op and shape. */
  public static int dim(String op, int dim, int rank) {
    int d = dim < 0 ? dim + rank : dim;
    if (d < 0 || d >= Math.max(rank, 1) || (rank == 0 && d != 0)) {
      throw new IndexOutOfBoundsException(op + ": dim " + dim + " is out of range for a tensor of rank " + rank);
    }
    return d;
  }

  /** The NumPy/PyTorch broadcast of two shapes, or an error naming both. */
  public static int[] broadcast(String op, int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int sa = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      int sb = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (sa != sb && sa != 1 && sb != 1) {
        throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
            + " cannot be broadcast together");
      }
      out[i] = sa == 1 ? sb : sa;
    }
    return out;
  }

  /** Row-major strides of {@code shape} seen from {@code outShape}: 0 along broadcast dims. */
  public static int[] broadcastStrides(int[] shape, int[] outShape) {
    int rank = outShape.length;
    int[] strides = new int[rank];
    int stride = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      int o = i + rank - shape.length;
      strides[o] = shape[i] == 1 && outShape[o] != 1 ? 0 : stride;
      stride = Math.multiplyExact(stride, shape[i]); // a tensor's shape: numel() has bounded the product
    }
    return strides;
  }

  /** Product of sizes before {@code dim}. */
  public static int outer(int[] shape, int dim) {
    return product(shape, 0, dim);
  }

  /** Product of sizes after {@code dim}. */
  public static int inner(int[] shape, int dim) {
    return product(shape, dim + 1, shape.length);
  }

  /** {@code shape} with {@code dim} removed, or set to 1 when {@code keepDim}. */
  public static int[] reduced(int[] shape, int dim, boolean keepDim) {
    if (keepDim) {
      int[] out = shape.clone();
      out[dim] = 1;
      return out;
    }
    int[] out = new int[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) if (i != dim) out[j++] = shape[i];
    return out;
  }

  /** Resolves one -1 in a view shape against {@code numel}; errors name both shapes. */
  public static int[] inferView(String op, int[] from, int[] to) {
    int[] out = to.clone();
    int unknown = -1;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == -1) {
        if (unknown >= 0) throw new IllegalArgumentException(op + ": only one dimension can be -1, got " + str(to));
        unknown = i;
      } else if (out[i] < 0) {
        throw new IllegalArgumentException(op + ": invalid size " + out[i] + " in " + str(to));
      }
    }
    int[] knownSizes = out.clone();
    if (unknown >= 0) knownSizes[unknown] = 1;
    long known;
    try {
      known = numel(knownSizes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(op + ": shape " + str(to) + " is invalid for input of shape " + str(from)
          + " (" + e.getMessage() + ")", e);
    }
    int n = numel(from);
    if (unknown >= 0) {
      if (known == 0 || n % known != 0) {
        throw new IllegalArgumentException(op + ": shape " + str(to) + " is invalid for input of shape " + str(from));
      }
      out[unknown] = (int) (n / known);
    } else if (known != n) {
      throw new IllegalArgumentException(op + ": shape " + str(to) + " is invalid for input of shape " + str(from)
          + " (" + known + " vs " + n + " elements)");
    }
    return out;
  }

  /** {@code shape} with dims {@code start..end} merged into one. */
  public static int[] flattened(int[] shape, int start, int end) {
    int s = dim("flatten", start, shape.length);
    int e = dim("flatten", end, shape.length);
    if (s > e) throw new IllegalArgumentException("flatten: start dim " + start + " comes after end dim " + end);
    int[] out = new int[shape.length - (e - s)];
    for (int d = 0, j = 0; d < shape.length; d++) {
      if (d <= s || d > e) out[j++] = shape[d];
      else out[j - 1] = Math.multiplyExact(out[j - 1], shape[d]); // a tensor's shape: bounded by numel()
    }
    return out;
  }

  /** {@code shape} with a size-1 dim inserted at {@code dim} (negative counts from the end of the result). */
  public static int[] unsqueezed(int[] shape, int dim) {
    int d = dim("unsqueeze", dim, shape.length + 1);
    int[] out = new int[shape.length + 1];
    for (int i = 0, j = 0; i < out.length; i++) out[i] = i == d ? 1 : shape[j++];
    return out;
  }

  /** The row-major position of a full index, or an error naming index and shape. */
  public static int flatIndex(String op, int[] shape, int[] index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException(op + ": " + index.length + " indices for a tensor of shape " + str(shape));
    }
    int flat = 0;
    for (int d = 0; d < shape.length; d++) {
      if (index[d] < 0 || index[d] >= shape[d]) {
        throw new IndexOutOfBoundsException(op + ": index " + Arrays.toString(index) + " is outside shape "
            + str(shape));
      }
      flat = flat * shape[d] + index[d];
    }
    return flat;
  }
}
