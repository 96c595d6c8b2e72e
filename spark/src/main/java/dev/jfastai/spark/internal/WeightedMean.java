package dev.jfastai.spark.internal;

/**
 * Sums {@code weight * values} of several {@link NamedArrays} in double, in the order they are added, and divides by
 * the total weight: the same inputs in the same order give the same bits, whatever order Spark's tasks finished in.
 */
final class WeightedMean {
  private NamedArrays shape;
  private double[][] sums;
  private double weight;

  void add(NamedArrays arrays, double w) {
    if (sums == null) {
      shape = arrays;
      sums = new double[arrays.values().length][];
      for (int i = 0; i < sums.length; i++) sums[i] = new double[arrays.values()[i].length];
    }
    for (int i = 0; i < sums.length; i++) {
      float[] v = arrays.values()[i];
      double[] s = sums[i];
      for (int j = 0; j < v.length; j++) s[j] += w * v[j];
    }
    weight += w;
  }

  /** The mean, or null when nothing with a positive weight was added. */
  NamedArrays mean() {
    if (sums == null || weight <= 0) return null;
    float[][] out = new float[sums.length][];
    for (int i = 0; i < sums.length; i++) {
      out[i] = new float[sums[i].length];
      for (int j = 0; j < out[i].length; j++) out[i][j] = (float) (sums[i][j] / weight);
    }
    return new NamedArrays(shape.names(), shape.shapes(), out);
  }
}
