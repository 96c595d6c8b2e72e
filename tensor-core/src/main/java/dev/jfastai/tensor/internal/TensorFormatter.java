package dev.jfastai.tensor.internal;

import java.util.Locale;

/** PyTorch-style text for tensors: nested brackets, 4 decimals, long dims summarised with "...". */
public final class TensorFormatter {
  private static final int SUMMARY_THRESHOLD = 1000;
  private static final int EDGE = 3;

  private TensorFormatter() {}

  public static String format(float[] data, int offset, int[] shape, String suffix) {
    StringBuilder sb = new StringBuilder("tensor(");
    boolean summarise = Shapes.numel(shape) > SUMMARY_THRESHOLD;
    if (shape.length == 0) {
      sb.append(number(data[offset]));
    } else {
      appendDim(sb, data, offset, shape, 0, summarise, "tensor(".length());
    }
    if (!suffix.isEmpty()) sb.append(", ").append(suffix);
    return sb.append(')').toString();
  }

  private static void appendDim(StringBuilder sb, float[] data, int offset, int[] shape, int dim, boolean summarise,
      int indent) {
    int n = shape[dim];
    int stride = Shapes.inner(shape, dim);
    sb.append('[');
    for (int i = 0; i < n; i++) {
      if (summarise && n > 2 * EDGE && i == EDGE) {
        sb.append(dim == shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + dim + 1));
        i = n - EDGE - 1;
        continue;
      }
      if (dim == shape.length - 1) {
        sb.append(number(data[offset + i]));
      } else {
        appendDim(sb, data, offset + i * stride, shape, dim + 1, summarise, indent);
      }
      if (i < n - 1) {
        sb.append(dim == shape.length - 1 ? ", " : ",\n" + "\n".repeat(shape.length - dim - 2) + " ".repeat(indent + dim
            + 1));
      }
    }
    sb.append(']');
  }

  private static String number(float v) {
    if (Float.isNaN(v)) return "nan";
    if (Float.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
