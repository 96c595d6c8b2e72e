package dev.jfastai.tensor.internal.kernels;

import java.util.function.IntConsumer;

/**
 * Runs independent per-channel work on the kernel threads: {@code body.accept(c)} for every channel, each channel on
 * one thread, so a channel's sums keep their order and results do not depend on the thread count.
 */
public final class PerChannel {
  /** Less work (elements touched) than this runs on the calling thread; FlatChannels' passes use it too. */
  static final long PARALLEL_MIN_ELEMENTS = 1L << 15;

  private PerChannel() {}

  /** Calls {@code body} for channels 0..channels-1; {@code elements} is the whole call's size, for the cut-off. */
  public static void forEach(int channels, long elements, IntConsumer body) {
    int threads = channels < 2 || elements < PARALLEL_MIN_ELEMENTS ? 1 : KernelThreads.available();
    KernelThreads.run(channels, threads, body);
  }
}
