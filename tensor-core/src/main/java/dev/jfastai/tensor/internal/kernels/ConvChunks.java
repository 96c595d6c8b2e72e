package dev.jfastai.tensor.internal.kernels;

/**
 * A convolution's batch cut into chunks of whole images whose working set (about {@link #CHUNK_FLOATS}) stays in
 * cache, and the chunks into a fixed number of parts shared between the kernel threads. Each part handles its
 * chunks in order and callers add the parts' partial sums in part order, so results do not depend on how many
 * threads ran.
 */
final class ConvChunks {
  /** Target working set of one chunk: 256 KiB, which stays in L2 beside the weights. */
  static final int CHUNK_FLOATS = 1 << 16;
  /** Parts the chunks are cut into: enough that a thread slowed by other work leaves some to the others. */
  private static final int MAX_PARTS = 8;
  /** Less work (multiply-adds) than this runs on the calling thread. */
  private static final long PARALLEL_MIN_MACS = 1L << 18;

  /** A body run on images n0..n0+nb-1 as part {@code part} of the call. */
  @FunctionalInterface
  interface Body {
    void run(int part, int n0, int nb);
  }

  final int imagesPerChunk;
  final int count;
  final int parts;
  private final ConvGeometry g;

  /** Chunks of as many images as fit {@link #CHUNK_FLOATS} at {@code floatsPerImage} each (at least one). */
  ConvChunks(ConvGeometry g, long floatsPerImage) {
    this.g = g;
    imagesPerChunk = (int) Math.max(1, Math.min(g.batch(), CHUNK_FLOATS / Math.max(1, floatsPerImage)));
    count = (g.batch() + imagesPerChunk - 1) / imagesPerChunk;
    parts = Math.max(1, Math.min(count, MAX_PARTS));
  }

  void run(Body body) {
    long macs = (long) g.batch() * g.outHeight() * g.outWidth() * g.outChannels() * g.groupRows();
    int threads = parts == 1 || macs < PARALLEL_MIN_MACS ? 1 : KernelThreads.available();
    KernelThreads.run(parts, threads, part -> {
      for (int c = count * part / parts; c < count * (part + 1) / parts; c++) {
        int n0 = c * imagesPerChunk;
        body.run(part, n0, Math.min(imagesPerChunk, g.batch() - n0));
      }
    });
  }
}
