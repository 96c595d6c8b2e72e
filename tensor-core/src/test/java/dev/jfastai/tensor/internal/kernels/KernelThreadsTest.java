package dev.jfastai.tensor.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The kernel thread team: every part exactly once, errors back on the caller, no deadlock when busy or nested. */
class KernelThreadsTest {

  @Test
  void runsEveryPartExactlyOnce() {
    for (int parts : new int[] {0, 1, 2, 3, 7, 64}) {
      for (int round = 0; round < 200; round++) {
        AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(parts, 1));
        KernelThreads.run(parts, 2, runs::incrementAndGet);
        for (int i = 0; i < parts; i++) assertEquals(1, runs.get(i), "part " + i + " of " + parts);
      }
    }
  }

  @Test
  void resultsWrittenByHelpersAreVisibleToTheCaller() {
    int parts = 8;
    int[] written = new int[parts * 1024];
    for (int round = 1; round <= 100; round++) {
      int value = round;
      KernelThreads.run(parts, 2, p -> {
        for (int i = p * 1024; i < (p + 1) * 1024; i++) written[i] = value;
      });
      for (int v : written) assertEquals(round, v);
    }
  }

  @Test
  void rethrowsThePartsErrorOnTheCallerAndStaysUsable() {
    IllegalStateException boom = new IllegalStateException("part 3 failed");
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> KernelThreads.run(6, 2, p -> {
      if (p == 3) throw boom;
    }));
    assertSame(boom, thrown);
    AtomicIntegerArray runs = new AtomicIntegerArray(4);
    KernelThreads.run(4, 2, runs::incrementAndGet);
    for (int i = 0; i < 4; i++) assertEquals(1, runs.get(i));
  }

  @Test
  void nestedAndConcurrentCallsRunOnTheirCaller() throws Exception {
    AtomicIntegerArray inner = new AtomicIntegerArray(4 * 5);
    KernelThreads.run(4, 2, outer -> KernelThreads.run(5, 2, i -> inner.incrementAndGet(outer * 5 + i)));
    for (int i = 0; i < 20; i++) assertEquals(1, inner.get(i), "nested part " + i);

    List<Thread> callers = new ArrayList<>();
    ConcurrentHashMap<Integer, Integer> done = new ConcurrentHashMap<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      Thread caller = new Thread(() -> {
        for (int round = 0; round < 200; round++) {
          AtomicIntegerArray runs = new AtomicIntegerArray(3);
          KernelThreads.run(3, 2, runs::incrementAndGet);
          for (int i = 0; i < 3; i++) assertEquals(1, runs.get(i));
        }
        done.put(id, id);
      });
      callers.add(caller);
      caller.start();
    }
    for (Thread caller : callers) caller.join(60_000);
    assertEquals(4, done.size(), "every concurrent caller finished its rounds");
  }

  @Test
  void availableThreadsFollowTheCallersPool() throws Exception {
    ForkJoinPool single = new ForkJoinPool(1);
    try {
      assertEquals(1, single.submit(KernelThreads::available).get());
    } finally {
      single.shutdown();
    }
    int outside = KernelThreads.available();
    assertTrue(outside >= 1 && outside <= KernelThreads.MAX_THREADS, "available() = " + outside);
    assertEquals(Math.min(KernelThreads.MAX_THREADS, ForkJoinPool.getCommonPoolParallelism() + 1), outside);
  }
}
