package dev.jfastai.tensor.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Arrays whose tensors are dead, kept per thread for the next tensor of the same size: a training step then writes
 * its activations and gradients into memory still in cache, where a new array would first be zeroed in cold memory
 * (young-generation space the allocator has not touched since the last collection). Only backward and a Sequential
 * without gradients put arrays here (see BackwardEngine, TensorInternals), and only those no code can reach any
 * more. {@link #take} hands them out uncleared: every caller overwrites the whole array. When the pool is full, the
 * arrays of the sizes used least recently make room, so sizes a program no longer uses do not crowd out its current
 * ones.
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
  private static final ThreadLocal<StoragePool> PER_THREAD =
      ThreadLocal.withInitial(() -> new StoragePool(MAX_PER_SIZE, MAX_FLOATS));

  private final int maxPerSize;
  private final long maxFloats;
  /** In access order: the size taken or released least recently first. */
  private final LinkedHashMap<Integer, ArrayDeque<float[]>> bySize = new LinkedHashMap<>(16, 0.75f, true);
  private long held;

  StoragePool(int maxPerSize, long maxFloats) {
    this.maxPerSize = maxPerSize;
    this.maxFloats = maxFloats;
  }

  /** An array of {@code size} floats with arbitrary contents: a recycled one when this thread has one. */
  public static float[] take(int size) {
    return size < MIN_FLOATS ? new float[size] : PER_THREAD.get().takeArray(size);
  }

  /** Keeps {@code array}, which nothing references any more, for a later {@link #take} on this thread. */
  public static void release(float[] array) {
    if (array.length >= MIN_FLOATS) PER_THREAD.get().keep(array);
  }

  /** How many arrays of {@code size} floats this thread holds: for tests. */
  public static int held(int size) {
    return PER_THREAD.get().count(size);
  }

  float[] takeArray(int size) {
    ArrayDeque<float[]> free = bySize.get(size);
    float[] recycled = free == null ? null : free.pollLast();
    if (recycled == null) return new float[size];
    held -= size;
    return recycled;
  }

  void keep(float[] array) {
    int size = array.length;
    if (size > maxFloats) return;
    ArrayDeque<float[]> free = bySize.computeIfAbsent(size, s -> new ArrayDeque<>());
    if (free.size() >= maxPerSize) return;
    Iterator<Map.Entry<Integer, ArrayDeque<float[]>>> oldest = bySize.entrySet().iterator();
    while (held + size > maxFloats && oldest.hasNext()) {
      Map.Entry<Integer, ArrayDeque<float[]>> e = oldest.next();
      if (e.getKey() == size) continue;
      ArrayDeque<float[]> stale = e.getValue();
      while (!stale.isEmpty() && held + size > maxFloats) held -= stale.pollFirst().length;
      if (stale.isEmpty()) oldest.remove();
    }
    if (held + size > maxFloats) return; // only arrays of this size are held: keep those
    free.addLast(array);
    held += size;
  }

  int count(int size) {
    ArrayDeque<float[]> free = bySize.get(size);
    return free == null ? 0 : free.size();
  }
}
