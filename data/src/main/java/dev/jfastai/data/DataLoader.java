package dev.jfastai.data;

import dev.jfastai.data.internal.BatchCollator;
import dev.jfastai.data.internal.PrefetchingIterator;
import dev.jfastai.tensor.Generator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Mini-batches of a dataset, like PyTorch's {@code DataLoader}: each {@link #iterator()} is one epoch of
 * {@link #len()} batches of {@link #batchSize()} rows, the last one smaller unless {@code dropLast}. When shuffling,
 * every epoch draws a fresh permutation from the {@link #generator()}, so a seeded generator gives the same
 * orders run after run, and saving/restoring its state resumes the exact data order. Optionally the next
 * batches are collated on a background thread ({@code prefetch}) while the current one is used.
 */
public final class DataLoader implements Iterable<Batch> {
  private final Dataset<Batch> dataset;
  private final int batchSize;
  private final boolean dropLast;
  private final Generator generator;
  private final int prefetch;
  private ExecutorService prefetcher;

  /** Batches in dataset order, like the chapter's {@code DataLoader(dset, batch_size=256)}. */
  public DataLoader(Dataset<Batch> dataset, int batchSize) {
    this(builder(dataset).batchSize(batchSize));
  }

  private DataLoader(Builder b) {
    this.dataset = b.dataset;
    this.batchSize = b.batchSize;
    this.dropLast = b.dropLast;
    this.generator = b.generator;
    this.prefetch = b.prefetch;
  }

  /** A builder with fastai's defaults: batch size 64, no shuffling, last partial batch kept, no prefetching. */
  public static Builder builder(Dataset<Batch> dataset) {
    return new Builder(dataset);
  }

  public Dataset<Batch> dataset() {
    return dataset;
  }

  public int batchSize() {
    return batchSize;
  }

  /** Whether each epoch visits the rows in a fresh random order. */
  public boolean shuffle() {
    return generator != null;
  }

  public boolean dropLast() {
    return dropLast;
  }

  /**
   * The generator that draws each epoch's permutation (live, not a copy: its {@code state()} is what a checkpoint
   * saves and {@code setState} resumes), or null when not shuffling.
   */
  public Generator generator() {
    return generator;
  }

  /** How many batches are collated ahead on a background thread (0: none). */
  public int prefetch() {
    return prefetch;
  }

  /** The number of batches per epoch, like Python's {@code len(dl)}. */
  public int len() {
    int n = dataset.size();
    return n / batchSize + (dropLast || n % batchSize == 0 ? 0 : 1); // no n + batchSize - 1: it overflows
  }

  /** One epoch of batches; shuffling draws this epoch's order now. */
  @Override
  public Iterator<Batch> iterator() {
    int n = dataset.size();
    int[] order = generator == null ? null : generator.permutation(n);
    int count = len();
    IntFunction<Batch> batch =
        b -> BatchCollator.collate(dataset, order, b * batchSize, Math.min(batchSize, n - b * batchSize));
    if (prefetch > 0) return new PrefetchingIterator<>(count, batch, prefetch, prefetcher());
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < count;
      }

      @Override
      public Batch next() {
        if (next >= count) throw new NoSuchElementException("no more batches: all " + count + " were returned");
        return batch.apply(next++);
      }
    };
  }

  /** One daemon thread, made on first use and ended after a second idle, so no loader holds a thread for long. */
  private synchronized ExecutorService prefetcher() {
    if (prefetcher == null) {
      ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "jfastai-dataloader-prefetch");
        t.setDaemon(true);
        return t;
      });
      pool.allowCoreThreadTimeOut(true);
      prefetcher = pool;
    }
    return prefetcher;
  }

  /** Configures a {@link DataLoader}. */
  public static final class Builder {
    private final Dataset<Batch> dataset;
    private int batchSize = 64;
    private boolean dropLast;
    private Generator generator;
    private int prefetch;

    private Builder(Dataset<Batch> dataset) {
      this.dataset = Objects.requireNonNull(dataset, "dataset");
    }

    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("DataLoader: batch size must be at least 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** Reshuffles every epoch with this generator: the same seed gives the same sequence of epoch orders. */
    public Builder shuffle(Generator generator) {
      this.generator = Objects.requireNonNull(generator, "generator");
      return this;
    }

    /** Reshuffles every epoch with a randomly seeded generator (pass a {@link Generator} to reproduce runs). */
    public Builder shuffle(boolean shuffle) {
      this.generator = shuffle ? new Generator(ThreadLocalRandom.current().nextLong()) : null;
      return this;
    }

    /** Drops the last batch when it would be smaller than the batch size. */
    public Builder dropLast(boolean dropLast) {
      this.dropLast = dropLast;
      return this;
    }

    /**
     * Collates up to {@code batches} batches ahead on a background thread (0, the default, collates on the
     * caller's thread). The dataset is then read from that thread, one item at a time.
     */
    public Builder prefetch(int batches) {
      if (batches < 0) throw new IllegalArgumentException("DataLoader: prefetch must be 0 or more, got " + batches);
      this.prefetch = batches;
      return this;
    }

    public DataLoader build() {
      return new DataLoader(this);
    }
  }
}
