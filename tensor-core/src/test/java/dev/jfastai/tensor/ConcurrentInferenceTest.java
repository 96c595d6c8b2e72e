package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Forward passes from many threads at once give the bits one thread gives: the GEMM's per-thread packing buffers,
 * the copy of the last B that decides whether a shared panel is packed again, the kernel helper threads that one
 * caller at a time may use, and the per-thread storage pools are never shared between callers.
 */
class ConcurrentInferenceTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 8;

  /** One thread's work: x·Wᵀ + b for a wide layer, a one-panel layer (few outputs, k over one block), a matmul. */
  private record Work(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor m) {
    static Work random(long seed) {
      Generator g = new Generator(seed);
      return new Work(Tensor.randn(g, 256, 784), Tensor.randn(g, 30, 784), Tensor.randn(g, 30),
          Tensor.randn(g, 1, 784), Tensor.randn(g, 784, 96));
    }

    List<float[]> run() {
      try (NoGrad ignored = Tensor.noGrad()) {
        Tensor hidden = Tensor.linear(x, w1, b1).relu();
        return List.of(hidden.toFloatArray(), Tensor.linear(x, w2, null).toFloatArray(),
            x.matmul(m).toFloatArray(), hidden.matmul(w1).sum(0).toFloatArray());
      }
    }
  }

  @Test
  void forwardPassesFromEightThreadsEqualOneThreadsBits() throws Exception {
    List<Work> work = new ArrayList<>();
    List<List<float[]>> expected = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      work.add(Work.random(100 + t)); // a different B per thread: a shared panel cache would mix them up
      expected.add(work.get(t).run());
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int id = t;
        done.add(pool.submit(() -> {
          for (int r = 0; r < ROUNDS; r++) {
            int which = (id + r) % THREADS; // every thread also runs the others' products
            List<float[]> got = work.get(which).run();
            for (int i = 0; i < got.size(); i++) {
              assertArrayEquals(expected.get(which).get(i), got.get(i), "thread " + id + ", product " + i);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) f.get();
    } finally {
      pool.shutdownNow();
    }
  }
}
