package dev.jfastai.examples;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/** Runs a benchmark on at most N threads, or on all cores when no count is given. */
final class ThreadCap {
  /** The timed body, given the number of threads it runs on. */
  interface Body {
    int run(int threads) throws Exception;
  }

  private ThreadCap() {}

  static int run(Integer threads, Body body) throws Exception {
    if (threads == null) return body.run(ForkJoinPool.getCommonPoolParallelism() + 1);
    // Parallel streams and forked kernel tasks stay in the pool of the worker that starts them: running the whole
    // bench on a pool of N workers caps it at N threads, whatever the common pool's size.
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(() -> body.run(threads)).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      pool.shutdown();
    }
  }
}
