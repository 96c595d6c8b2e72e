package dev.jfastai.tensor.internal.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ChannelReductions} on the Vector API: half a vector of floats at a time is widened to a full vector of
 * doubles and added lane by lane, in two accumulators; the lanes are combined in a fixed order at the end
 * (reduceLanes may pick another order under C2 than in the interpreter), and the floats past the last whole vector of
 * each run go to a scalar sum.
 */
final class VectorChannelReductions {
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> FLOATS =
      VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));
  private static final int LANES = DOUBLES.length();

  private VectorChannelReductions() {}

  static double sum(float[] a, int from, int length, int stride, int runs) {
    DoubleVector s0 = DoubleVector.zero(DOUBLES);
    DoubleVector s1 = s0;
    double tail = 0;
    int pairs = length - length % (2 * LANES);
    int singles = length - length % LANES;
    for (int r = 0; r < runs; r++) {
      int at = from + r * stride;
      int i = 0;
      for (; i < pairs; i += 2 * LANES) {
        s0 = s0.add(widen(a, at + i));
        s1 = s1.add(widen(a, at + i + LANES));
      }
      if (i < singles) {
        s0 = s0.add(widen(a, at + i));
        i += LANES;
      }
      for (; i < length; i++) tail += a[at + i];
    }
    return inOrder(s0.add(s1)) + tail;
  }

  static double squaredDeviations(float[] a, int from, int length, int stride, int runs, double mean) {
    DoubleVector s0 = DoubleVector.zero(DOUBLES);
    DoubleVector s1 = s0;
    DoubleVector m = DoubleVector.broadcast(DOUBLES, mean);
    double tail = 0;
    int pairs = length - length % (2 * LANES);
    int singles = length - length % LANES;
    for (int r = 0; r < runs; r++) {
      int at = from + r * stride;
      int i = 0;
      for (; i < pairs; i += 2 * LANES) {
        DoubleVector d0 = widen(a, at + i).sub(m);
        DoubleVector d1 = widen(a, at + i + LANES).sub(m);
        s0 = s0.add(d0.mul(d0));
        s1 = s1.add(d1.mul(d1));
      }
      if (i < singles) {
        DoubleVector d0 = widen(a, at + i).sub(m);
        s0 = s0.add(d0.mul(d0));
        i += LANES;
      }
      for (; i < length; i++) {
        double d = a[at + i] - mean;
        tail += d * d;
      }
    }
    return inOrder(s0.add(s1)) + tail;
  }

  static void gradientSums(float[] g, int gFrom, float[] x, int xFrom, int length, int stride, int runs,
                           float mean, float invstd, double[] out) {
    DoubleVector sum = DoubleVector.zero(DOUBLES);
    DoubleVector dot = sum;
    double sumTail = 0;
    double dotTail = 0;
    int singles = length - length % LANES;
    for (int r = 0; r < runs; r++) {
      int ga = gFrom + r * stride;
      int xa = xFrom + r * stride;
      int i = 0;
      for (; i < singles; i += LANES) {
        FloatVector gv = FloatVector.fromArray(FLOATS, g, ga + i);
        FloatVector xhat = FloatVector.fromArray(FLOATS, x, xa + i).sub(mean).mul(invstd);
        sum = sum.add(gv.convertShape(VectorOperators.F2D, DOUBLES, 0));
        dot = dot.add(gv.mul(xhat).convertShape(VectorOperators.F2D, DOUBLES, 0));
      }
      for (; i < length; i++) {
        sumTail += g[ga + i];
        dotTail += g[ga + i] * ((x[xa + i] - mean) * invstd);
      }
    }
    out[0] = inOrder(sum) + sumTail;
    out[1] = inOrder(dot) + dotTail;
  }

  /** Half a vector of floats from a[at], as a vector of doubles. */
  private static DoubleVector widen(float[] a, int at) {
    return (DoubleVector) FloatVector.fromArray(FLOATS, a, at).convertShape(VectorOperators.F2D, DOUBLES, 0);
  }

  /** The lanes' sum, first lane to last. */
  private static double inOrder(DoubleVector v) {
    double[] lanes = v.toArray();
    double s = 0;
    for (double lane : lanes) s += lane;
    return s;
  }
}
