package dev.jfastai.data.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;

/**
 * Iterates {@code count} items made by {@code make}, keeping up to {@code depth} of the next ones in the making
 * on {@code executor} while the caller works on the current one. Abandoning it early leaves at most
 * {@code depth} finished items behind, never a blocked thread. A failure surfaces from {@link #next()}.
 */
public final class PrefetchingIterator<T> implements Iterator<T> {
  private final int count;
  private final IntFunction<T> make;
  private final Executor executor;
  private final ArrayDeque<CompletableFuture<T>> ahead = new ArrayDeque<>();
  private int submitted;
  private int returned;

  public PrefetchingIterator(int count, IntFunction<T> make, int depth, Executor executor) {
    if (depth < 1) throw new IllegalArgumentException("prefetch depth must be at least 1, got " + depth);
    this.count = count;
    this.make = make;
    this.executor = executor;
    while (submitted < Math.min(count, depth)) submitNext();
  }

  @Override
  public boolean hasNext() {
    return returned < count;
  }

  @Override
  public T next() {
    if (!hasNext()) throw new NoSuchElementException("no more batches: all " + count + " were returned");
    CompletableFuture<T> head = ahead.removeFirst();
    if (submitted < count) submitNext();
    returned++;
    try {
      return head.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw e;
    }
  }

  private void submitNext() {
    int index = submitted++;
    ahead.addLast(CompletableFuture.supplyAsync(() -> make.apply(index), executor));
  }
}
