package dev.jfastai.tensor.internal.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ChannelReductions} on the Vector API: a vector of floats at a time is widened into two vectors of doubles
 * (its low and high halves) and added lane by lane, in two accumulators; the lanes are combined in a fixed order at
 * the end (reduceLanes may pick another order under C2 than in the interpreter), and the floats past the last whole
 * vector of each run go to a scalar sum. Only the preferred float shape is used: on JDK 17, kernels that mixed it with
 * half-size float vectors lost their intrinsics (a CNN step 7x slower).
 */
final class VectorChannelReductions {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
  private static final int LANES = FLOATS.length();

  private VectorChannelReductions() {}

  static double sum(float[] a, int from, int length, int stride, int runs) {
    DoubleVector low = DoubleVector.zero(DOUBLES);
    DoubleVector high = low;
    double tail = 0;
    int whole = length - length % LANES;
    for (int r = 0; r < runs; r++) {
      int at = from + r * stride;
      int i = 0;
      for (; i < whole; i += LANES) {
        FloatVector v = FloatVector.fromArray(FLOATS, a, at + i);
        low = low.add(half(v, 0));
        high = high.add(half(v, 1));
      }
      for (; i < length; i++) tail += a[at + i];
    }
    return inOrder(low.add(high)) + tail;
  }

  static double squaredDeviations(float[] a, int from, int length, int stride, int runs, double mean) {
    DoubleVector low = DoubleVector.zero(DOUBLES);
    DoubleVector high = low;
    DoubleVector m = DoubleVector.broadcast(DOUBLES, mean);
    double tail = 0;
    int whole = length - length % LANES;
    for (int r = 0; r < runs; r++) {
      int at = from + r * stride;
      int i = 0;
      for (; i < whole; i += LANES) {
        FloatVector v = FloatVector.fromArray(FLOATS, a, at + i);
        DoubleVector d0 = half(v, 0).sub(m);
        DoubleVector d1 = half(v, 1).sub(m);
        low = low.add(d0.mul(d0));
        high = high.add(d1.mul(d1));
      }
      for (; i < length; i++) {
        double d = a[at + i] - mean;
        tail += d * d;
      }
    }
    return inOrder(low.add(high)) + tail;
  }

  static void gradientSums(float[] g, int gFrom, float[] x, int xFrom, int length, int stride, int runs,
                           float mean, float invstd, double[] out) {
    DoubleVector sumLow = DoubleVector.zero(DOUBLES);
    DoubleVector sumHigh = sumLow;
    DoubleVector dotLow = sumLow;
    DoubleVector dotHigh = sumLow;
    double sumTail = 0;
    double dotTail = 0;
    int whole = length - length % LANES;
    for (int r = 0; r < runs; r++) {
      int ga = gFrom + r * stride;
      int xa = xFrom + r * stride;
      int i = 0;
      for (; i < whole; i += LANES) {
        FloatVector gv = FloatVector.fromArray(FLOATS, g, ga + i);
        FloatVector product = gv.mul(FloatVector.fromArray(FLOATS, x, xa + i).sub(mean).mul(invstd));
        sumLow = sumLow.add(half(gv, 0));
        sumHigh = sumHigh.add(half(gv, 1));
        dotLow = dotLow.add(half(product, 0));
        dotHigh = dotHigh.add(half(product, 1));
      }
      for (; i < length; i++) {
        sumTail += g[ga + i];
        dotTail += g[ga + i] * ((x[xa + i] - mean) * invstd);
      }
    }
    out[0] = inOrder(sumLow.add(sumHigh)) + sumTail;
    out[1] = inOrder(dotLow.add(dotHigh)) + dotTail;
  }

  /** The low (part 0) or high (part 1) half of {@code v}, as doubles. */
  private static DoubleVector half(FloatVector v, int part) {
    return (DoubleVector) v.convertShape(VectorOperators.F2D, DOUBLES, part);
  }

  /** The lanes' sum, first lane to last. */
  private static double inOrder(DoubleVector v) {
    double[] lanes = v.toArray();
    double s = 0;
    for (double lane : lanes) s += lane;
    return s;
  }
}
