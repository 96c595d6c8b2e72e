package dev.jfastai.tensor.internal.kernels;

import static dev.jfastai.tensor.internal.kernels.VectorMicroKernel.LANES;
import static dev.jfastai.tensor.internal.kernels.VectorMicroKernel.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Relu's gradient on the Vector API: C2 vectorizes neither {@code s > 0 ? g : 0} nor its branch-free form as plain
 * loops (5-40x slower). Same bits as {@link UnaryKernels}' scalar loop. Only used when {@link Gemm#VECTOR}. Loops that
 * C2 vectorizes by itself (relu, the optimizers' update) stay plain: as fast once compiled, and far faster than Vector
 * API code while the JIT warms up (measured in bench/README.md).
 */
final class VectorElementwise {
  private VectorElementwise() {}

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
}
