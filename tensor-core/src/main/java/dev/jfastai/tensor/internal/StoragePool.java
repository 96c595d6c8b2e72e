package dev.jfastai.tensor.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Arrays whose tensors are dead, kept per thread for the next tensor of the same size: a training step then writes
 * its activations and gradients into memory still in cache, where a new array would first be zeroed in cold memory
 * (young-generation space the allocator has not touched since the last collection). Only backward puts arrays here
 * (see BackwardEngine), and only those no code can reach any more. {@link #take} hands them out uncleared: every
 * caller overwrites the whole array.
 */
public final class StoragePool {
  /** Smaller arrays are cheap to allocate and already in cache. */
  static final int MIN_FLOATS = 1024;
  /** Enough for every activation and gradient of one size in a deep network's step (ResNet blocks repeat sizes). */
  private static final int MAX_PER_SIZE = 32;
  /**
   * Floats held per thread: a sixteenth of the maximum heap, at least 16 MiB. A training step must find all its
   * arrays here, or the rest are new and the collector grows the heap to keep up (bench/README.md, "Memory").
   */
  private static final long MAX_FLOATS = Math.max(4L << 20, Runtime.getRuntime().maxMemory() / 16 / Float.BYTES);
  private static final ThreadLocal<StoragePool> PER_THREAD = ThreadLocal.withInitial(StoragePool::new);

  private final Map<Integer, ArrayDeque<float[]>> bySize = new HashMap<>();
  private long held;

  private StoragePool() {}

  /** An array of {@code size} floats with arbitrary contents: a recycled one when this thread has one. */
  public static float[] take(int size) {
    if (size < MIN_FLOATS) return new float[size];
    StoragePool pool = PER_THREAD.get();
    ArrayDeque<float[]> free = pool.bySize.get(size);
    float[] recycled = free == null ? null : free.pollLast();
    if (recycled == null) return new float[size];
    pool.held -= size;
    return recycled;
  }

  /** Keeps {@code array}, which nothing references any more, for a later {@link #take} on this thread. */
  public static void release(float[] array) {
    int size = array.length;
    if (size < MIN_FLOATS) return;
    StoragePool pool = PER_THREAD.get();
    ArrayDeque<float[]> free = pool.bySize.computeIfAbsent(size, s -> new ArrayDeque<>());
    if (free.size() >= MAX_PER_SIZE || pool.held + size > MAX_FLOATS) return;
    free.addLast(array);
    pool.held += size;
  }

  /** How many arrays of {@code size} floats this thread holds: for tests. */
  public static int held(int size) {
    ArrayDeque<float[]> free = PER_THREAD.get().bySize.get(size);
    return free == null ? 0 : free.size();
  }
}
