package dev.jfastai.tensor.internal.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The threads that share one kernel call: the caller plus helper daemon threads that spin for a moment after each
 * job before they park. A training step runs a GEMM every few tens of microseconds; a spinning helper joins the
 * next one within a microsecond, where a parked ForkJoinPool worker takes tens of microseconds to wake, as long
 * as the whole product. Parts are taken in turn, so a helper that is late or busy elsewhere simply takes fewer.
 *
 * <p>One job runs at a time: a call made while the helpers are busy (from another thread, or nested in a part)
 * runs all its parts on its caller.
 */
final class KernelThreads {
  /** Most threads per job: the cores, or {@code jfastai.kernels.threads} (1 keeps every job on its caller). */
  static final int MAX_THREADS =
      Math.max(1, Integer.getInteger("jfastai.kernels.threads", Runtime.getRuntime().availableProcessors()));
  /** How long an idle helper spins before parking: longer than the gaps between a training step's GEMMs. */
  private static final long SPIN_NANOS = 1_000_000;

  private static final AtomicBoolean BUSY = new AtomicBoolean();
  private static Helper[] helpers; // started on first use, guarded by BUSY

  private KernelThreads() {}

  /**
   * Threads a job started by this thread may use: at most {@link #MAX_THREADS}, and no more than the
   * ForkJoinPool it runs in (the caller plus the common pool's workers for a thread outside any pool), so code
   * run on a pool of N workers uses at most N threads.
   */
  static int available() {
    int pool = ForkJoinTask.inForkJoinPool()
        ? ForkJoinTask.getPool().getParallelism() : ForkJoinPool.getCommonPoolParallelism() + 1;
    return Math.min(MAX_THREADS, pool);
  }

  /**
   * Runs {@code part.accept(i)} for every i in {@code 0..parts-1} on up to {@code threads} threads, this one
   * included, and returns when all are done. The first error thrown by a part is rethrown here.
   */
  static void run(int parts, int threads, IntConsumer part) {
    if (parts <= 1 || threads <= 1 || !BUSY.compareAndSet(false, true)) {
      for (int i = 0; i < parts; i++) part.accept(i);
      return;
    }
    try {
      Job job = new Job(parts, part);
      int helperCount = Math.min(threads, parts) - 1;
      Helper[] team = team();
      for (int h = 0; h < helperCount && h < team.length; h++) team[h].wake(job);
      job.work();
      job.awaitDone();
      job.rethrow();
    } finally {
      BUSY.set(false);
    }
  }

  private static Helper[] team() {
    if (helpers == null) {
      Helper[] team = new Helper[MAX_THREADS - 1];
      for (int h = 0; h < team.length; h++) {
        team[h] = new Helper("jfastai-kernel-" + (h + 1));
        team[h].start();
      }
      helpers = team;
    }
    return helpers;
  }

  /** One call's parts, taken in turn by whoever comes, and the count of those finished. */
  private static final class Job {
    private final int parts;
    private IntConsumer part; // dropped when done: a helper keeps its last job, not the arrays the part uses
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private volatile Throwable error;

    Job(int parts, IntConsumer part) {
      this.parts = parts;
      this.part = part;
    }

    void work() {
      for (int i = next.getAndIncrement(); i < parts; i = next.getAndIncrement()) {
        try {
          if (error == null) part.accept(i);
        } catch (Throwable t) {
          if (error == null) error = t;
        } finally {
          done.incrementAndGet();
        }
      }
    }

    void awaitDone() {
      while (done.get() < parts) Thread.onSpinWait();
      part = null;
    }

    void rethrow() {
      Throwable t = error;
      if (t instanceof RuntimeException e) throw e;
      if (t instanceof Error e) throw e;
      if (t != null) throw new IllegalStateException(t);
    }
  }

  /** A daemon thread that works on each job it is woken for, then spins, then parks until the next. */
  private static final class Helper extends Thread {
    private volatile Job offered;
    private volatile boolean parked;

    Helper(String name) {
      super(name);
      setDaemon(true);
    }

    void wake(Job job) {
      offered = job;
      if (parked) LockSupport.unpark(this);
    }

    @Override
    public void run() {
      Job last = null;
      while (true) {
        last = awaitJobAfter(last);
        last.work();
      }
    }

    private Job awaitJobAfter(Job last) {
      long spinUntil = System.nanoTime() + SPIN_NANOS;
      while (true) {
        Job job = offered;
        if (job != last) return job;
        if (System.nanoTime() < spinUntil) {
          Thread.yield();
          continue;
        }
        parked = true;
        if (offered == last) LockSupport.park(this); // wake() unparks after offering, so no offer is missed
        parked = false;
        spinUntil = System.nanoTime() + SPIN_NANOS;
      }
    }
  }
}
