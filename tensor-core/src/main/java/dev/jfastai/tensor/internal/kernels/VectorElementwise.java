package dev.jfastai.tensor.internal.kernels;

import static dev.jfastai.tensor.internal.kernels.VectorMicroKernel.LANES;
import static dev.jfastai.tensor.internal.kernels.VectorMicroKernel.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Elementwise loops on the Vector API, for the ops a training step runs on whole activations. C2 does not always
 * vectorize the plain loops (a relu over 7,680 floats ran 10x slower than this); these always are. Same results,
 * bit for bit, as the scalar loops of {@link UnaryKernels} and {@link BinaryKernels}. Only used when
 * {@link Gemm#VECTOR}.
 */
final class VectorElementwise {
  private VectorElementwise() {}

  /** {@code o[oi+i] = max(x[xi+i], 0)} with Math.max's rules (NaN stays NaN, -0 gives 0). */
  static void relu(float[] x, int xi, float[] o, int oi, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
      FloatVector.fromArray(SPECIES, x, xi + i).max(0f).intoArray(o, oi + i);
    }
    for (; i < n; i++) o[oi + i] = Math.max(x[xi + i], 0f);
  }

  /** {@code o[oi+i] = s[si+i] > 0 ? g[gi+i] : 0}: relu's input gradient from its saved input s. */
  static void reluGradient(float[] s, int si, float[] g, int gi, float[] o, int oi, int n) {
    FloatVector zero = FloatVector.zero(SPECIES);
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
      VectorMask<Float> positive = FloatVector.fromArray(SPECIES, s, si + i).compare(VectorOperators.GT, 0f);
      zero.blend(FloatVector.fromArray(SPECIES, g, gi + i), positive).intoArray(o, oi + i);
    }
    for (; i < n; i++) o[oi + i] = s[si + i] > 0f ? g[gi + i] : 0f;
  }

  /** {@code t[ti+i] += alpha * x[xi+i]}: multiply then add, rounded twice like the plain loop (no FMA). */
  static void addScaled(float[] t, int ti, float alpha, float[] x, int xi, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
      FloatVector.fromArray(SPECIES, t, ti + i).add(FloatVector.fromArray(SPECIES, x, xi + i).mul(alpha))
          .intoArray(t, ti + i);
    }
    for (; i < n; i++) t[ti + i] += alpha * x[xi + i];
  }
}
