package dev.jfastai.tensor;

/**
 * Random input values by domain name, as gen_tensor_fixtures.py's {@code draw} defines them, so the gradient
 * check can draw fresh inputs of the kind each fixture case needs (positive for log, away from kinks for relu).
 */
final class InputDomains {
  private InputDomains() {}

  static float[] draw(String domain, int n, Generator g) {
    float[] v = new float[n];
    switch (domain) {
      case "normal" -> fill(v, g::nextGaussian);
      case "positive" -> fill(v, () -> 0.5f + 1.5f * g.nextFloat());
      case "nonzero" -> fill(v, () -> (0.25f + 1.75f * g.nextFloat()) * (g.nextInt(2) == 0 ? -1 : 1));
      case "distinct" -> {
        // Distinct values >= 0.03 from every multiple of 0.1 (kinks, clamp bounds) and >= 0.06 apart (no ties).
        int[] perm = g.permutation(n);
        for (int k = 0; k < n; k++) v[perm[k]] = (float) ((k - n / 2 + 0.5) * 0.1 + (g.nextFloat() - 0.5) * 0.04);
      }
      case "smallInts" -> fill(v, () -> g.nextInt(5) - 2);
      case "mask" -> fill(v, () -> g.nextInt(2));
      case "extreme" -> fill(v, () -> (10f + 50f * g.nextFloat()) * (g.nextInt(2) == 0 ? -1 : 1));
      default -> throw new IllegalArgumentException("InputDomains: unknown domain '" + domain + "'");
    }
    return v;
  }

  private interface FloatSource {
    float next();
  }

  private static void fill(float[] v, FloatSource source) {
    for (int i = 0; i < v.length; i++) v[i] = source.next();
  }
}
