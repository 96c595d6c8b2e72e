package dev.jfastai.tensor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The per-thread pool's limits: per size, in all, and which arrays make room when it is full. */
class StoragePoolTest {
  private static final int A = 2048;
  private static final int B = 3072;
  private static final int C = 4096;

  @Test
  void takesBackWhatWasKeptLastInFirstOut() {
    StoragePool pool = new StoragePool(4, 1 << 20);
    float[] first = new float[A];
    float[] second = new float[A];
    pool.keep(first);
    pool.keep(second);
    assertSame(second, pool.takeArray(A));
    assertSame(first, pool.takeArray(A));
    assertEquals(A, pool.takeArray(A).length, "empty: a new array");
  }

  @Test
  void holdsAtMostThePerSizeLimit() {
    StoragePool pool = new StoragePool(2, 1 << 20);
    for (int i = 0; i < 3; i++) pool.keep(new float[A]);
    assertEquals(2, pool.count(A));
  }

  @Test
  void aFullPoolDropsTheSizesUsedLeastRecently() {
    StoragePool pool = new StoragePool(8, 2L * A + B);
    pool.keep(new float[A]);
    pool.keep(new float[A]);
    pool.keep(new float[B]);
    float[] b = pool.takeArray(B); // B is now the size used most recently, A the least
    pool.keep(b);
    pool.keep(new float[C]); // needs room: both A arrays go, B stays
    assertEquals(0, pool.count(A));
    assertEquals(1, pool.count(B));
    assertEquals(1, pool.count(C));
    assertSame(b, pool.takeArray(B));
  }

  @Test
  void arraysOfTheSizeBeingKeptAreNotDroppedForIt() {
    StoragePool pool = new StoragePool(8, 2L * A);
    float[] kept = new float[A];
    pool.keep(kept);
    pool.keep(new float[A]);
    float[] third = new float[A];
    pool.keep(third); // no room and no other size to drop: refused
    assertEquals(2, pool.count(A));
    assertNotSame(third, pool.takeArray(A));
    pool.keep(new float[4 * A]); // larger than the whole pool: refused, nothing dropped
    assertEquals(1, pool.count(A));
  }
}
