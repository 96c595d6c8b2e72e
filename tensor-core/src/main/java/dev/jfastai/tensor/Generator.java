package dev.jfastai.tensor;

/**
 * A seeded random-number generator (SplitMix64) for reproducible runs. Its whole state is one
 * {@code long}, so a checkpoint can save it with {@link #state()} and resume it with {@link #setState(long)}.
 * Not thread-safe: give each thread its own.
 */
public final class Generator {
  private long state;

  public Generator(long seed) {
    this.state = seed;
  }

  /** The current state; {@code new Generator(0).setState(s)} continues the exact same sequence. */
  public long state() {
    return state;
  }

  /** Moves the sequence to {@code state} (PyTorch's {@code set_state}), e.g. to replay a checkpoint's data order. */
  public void setState(long state) {
    this.state = state;
  }

  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1) with 24 random bits, the resolution of a float. */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound), without modulo bias. */
  public int nextInt(int bound) {
    if (bound <= 0) throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
    long r = (nextLong() >>> 32) * bound; // Lemire's multiply-shift, with rejection of the biased zone
    if ((r & 0xFFFFFFFFL) < bound) {
      long threshold = (0x1_0000_0000L - bound) % bound;
      while ((r & 0xFFFFFFFFL) < threshold) r = (nextLong() >>> 32) * bound;
    }
    return (int) (r >>> 32);
  }

  /** Standard normal (Box-Muller, one value per two uniforms, so the state alone fixes the sequence). */
  public float nextGaussian() {
    double u1 = 1.0 - nextDouble(); // (0, 1]: log stays finite
    double u2 = nextDouble();
    return (float) (Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2));
  }

  /** Fills {@code out} with values uniform in [low, high) and returns it. */
  public float[] fillUniform(float[] out, float low, float high) {
    for (int i = 0; i < out.length; i++) out[i] = low + (high - low) * nextFloat();
    return out;
  }

  /** Fills {@code out} with standard normal values and returns it. */
  public float[] fillGaussian(float[] out) {
    for (int i = 0; i < out.length; i++) out[i] = nextGaussian();
    return out;
  }

  /** A random permutation of 0..n-1 (Fisher-Yates), like {@code torch.randperm}. */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
