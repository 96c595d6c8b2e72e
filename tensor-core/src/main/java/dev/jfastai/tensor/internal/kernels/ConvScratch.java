package dev.jfastai.tensor.internal.kernels;

/**
 * One thread's reusable convolution buffers, in a few numbered slots, each grown as needed up to
 * {@link #KEEP_FLOATS}: a larger one (a single image whose working set exceeds a chunk) is allocated for its chunk
 * and not kept, so each thread holds at most {@code SLOTS * 4} MiB here.
 */
final class ConvScratch {
  static final int KEEP_FLOATS = 1 << 20;
  static final int SLOTS = 3;
  private static final ThreadLocal<ConvScratch> PER_THREAD = ThreadLocal.withInitial(ConvScratch::new);
  private final float[][] floats = new float[SLOTS][0];

  static ConvScratch get() {
    return PER_THREAD.get();
  }

  /** A buffer of at least {@code size} floats in {@code slot}; its contents are whatever the last user left. */
  float[] floats(int slot, int size) {
    if (size > KEEP_FLOATS) return new float[size];
    if (floats[slot].length < size) floats[slot] = new float[size];
    return floats[slot];
  }

  /** The length of the largest buffer this thread keeps: for tests. */
  static int largestKept() {
    int largest = 0;
    for (float[] f : PER_THREAD.get().floats) largest = Math.max(largest, f.length);
    return largest;
  }
}
