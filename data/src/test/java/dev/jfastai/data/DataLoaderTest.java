package dev.jfastai.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
  /** The chapter's training set shape: row i of x holds i in column 0, y[i] = i. */
  private static TensorDataset chapterSized() {
    int n = 12396;
    float[] x = new float[n * 784];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[i * 784] = i;
      x[i * 784 + 783] = -i;
      y[i] = i;
    }
    return new TensorDataset(Tensor.wrap(x, n, 784), Tensor.wrap(y, n, 1));
  }

  /** The row ids of one batch (column 0 of x), checked against y and the last column. */
  private static int[] rowIds(Batch b) {
    int[] ids = new int[b.size()];
    for (int k = 0; k < ids.length; k++) {
      ids[k] = (int) b.x().getFloat(k, 0);
      assertEquals(-ids[k], b.x().getFloat(k, 783));
      assertEquals(ids[k], b.y().getFloat(k, 0));
    }
    return ids;
  }

  private static List<int[]> epoch(DataLoader dl) {
    List<int[]> batches = new ArrayList<>();
    for (Batch b : dl) batches.add(rowIds(b));
    return batches;
  }

  private static int[] flat(List<int[]> batches) {
    return batches.stream().flatMapToInt(Arrays::stream).toArray();
  }

  @Test
  void chapterBatchesAre48FullAndOneOf108InOrder() {
    DataLoader dl = new DataLoader(chapterSized(), 256);
    assertEquals(49, dl.size());
    assertFalse(dl.shuffle());
    assertTrue(dl.generator().isEmpty());
    List<Batch> batches = new ArrayList<>();
    dl.forEach(batches::add);
    assertEquals(49, batches.size());
    for (int b = 0; b < 48; b++) {
      assertArrayEquals(new int[] {256, 784}, batches.get(b).x().shape());
      assertArrayEquals(new int[] {256, 1}, batches.get(b).y().shape());
    }
    assertArrayEquals(new int[] {108, 784}, batches.get(48).x().shape());
    assertArrayEquals(new int[] {108, 1}, batches.get(48).y().shape());
    assertArrayEquals(IntStream.range(0, 12396).toArray(), flat(epoch(dl)));
  }

  @Test
  void unshuffledBatchesShareTheDatasetStorage() {
    TensorDataset ds = chapterSized();
    Iterator<Batch> it = new DataLoader(ds, 256).iterator();
    it.next();
    Batch second = it.next();
    assertSame(ds.x().array(), second.x().array(), "a view, not a copy");
    assertEquals(ds.x().arrayOffset() + 256 * 784, second.x().arrayOffset());
    assertSame(ds.y().array(), second.y().array());
  }

  @Test
  void unshuffledBatchesRefuseInPlaceOpsSoTheDatasetCannotBeRewritten() {
    TensorDataset ds = chapterSized();
    float[] before = ds.x().toFloatArray();
    for (DataLoader dl : List.of(new DataLoader(ds, 256), new DataLoader(ds, 12396))) { // the last: one whole batch
      Batch b = dl.iterator().next();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.x().mulInPlace(0f));
      assertEquals("mulInPlace: this batch is a read-only view of the dataset (an unshuffled DataLoader hands out "
          + "views of its rows, not copies); change a copy instead, e.g. learn.setXb(learn.xb().copy()) in a "
          + "callback", e.getMessage());
      assertThrows(IllegalStateException.class, () -> b.y().reshape(-1).fillInPlace(1f));
      b.x().copy().mulInPlace(0f); // a copy is the caller's own
    }
    assertArrayEquals(before, ds.x().toFloatArray());
    ds.x().narrow(0, 0, 1).mulInPlace(1f); // the dataset itself stays writable by its owner
    Batch shuffled = DataLoader.builder(ds).batchSize(256).shuffle(new Generator(1)).build().iterator().next();
    shuffled.x().mulInPlace(0f); // a shuffled batch is a fresh copy
    assertArrayEquals(before, ds.x().toFloatArray());
  }

  @Test
  void dropLastDropsThePartialBatch() {
    DataLoader dl = DataLoader.builder(chapterSized()).batchSize(256).dropLast(true).build();
    assertEquals(48, dl.size());
    List<int[]> batches = epoch(dl);
    assertEquals(48, batches.size());
    assertTrue(batches.stream().allMatch(b -> b.length == 256));
    assertEquals(4, DataLoader.builder(chapterSized()).batchSize(12396 / 4).dropLast(true).build().size());
  }

  @Test
  void shuffleIsReproducibleReshuffledEachEpochAndAPermutation() {
    DataLoader a = DataLoader.builder(chapterSized()).batchSize(256).shuffle(new Generator(42)).build();
    DataLoader b = DataLoader.builder(chapterSized()).batchSize(256).shuffle(new Generator(42)).build();
    assertTrue(a.shuffle());
    int[] a1 = flat(epoch(a));
    int[] a2 = flat(epoch(a));
    assertArrayEquals(a1, flat(epoch(b)), "same seed, same first epoch");
    assertArrayEquals(a2, flat(epoch(b)), "same seed, same second epoch");
    assertFalse(Arrays.equals(a1, a2), "a new order each epoch");
    assertFalse(Arrays.equals(a1, IntStream.range(0, 12396).toArray()), "shuffled at all");
    for (int[] order : List.of(a1, a2)) {
      assertArrayEquals(IntStream.range(0, 12396).toArray(), Arrays.stream(order).sorted().toArray(), "every row once");
    }
    DataLoader c = DataLoader.builder(chapterSized()).batchSize(256).shuffle(new Generator(43)).build();
    assertFalse(Arrays.equals(a1, flat(epoch(c))), "another seed, another order");
  }

  @Test
  void restoringTheGeneratorStateResumesTheDataOrder() {
    DataLoader dl = DataLoader.builder(chapterSized()).batchSize(100).shuffle(new Generator(7)).build();
    epoch(dl);
    long saved = dl.generator().orElseThrow().state();
    int[] third = flat(epoch(dl));
    DataLoader resumed = DataLoader.builder(chapterSized()).batchSize(100).shuffle(new Generator(0)).build();
    resumed.generator().orElseThrow().setState(saved);
    assertArrayEquals(third, flat(epoch(resumed)));
  }

  @Test
  void aLoaderCanBeIteratedManyTimesAndStopsCleanly() {
    DataLoader dl = new DataLoader(chapterSized(), 5000);
    assertEquals(3, dl.size());
    assertArrayEquals(flat(epoch(dl)), flat(epoch(dl)));
    Iterator<Batch> it = dl.iterator();
    for (int i = 0; i < 3; i++) it.next();
    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
  }

  @Test
  void anyDatasetOfBatchesIsCollatedByStackingItsItems() {
    Dataset<Batch> items = new Dataset<>() {
      @Override
      public int size() {
        return 10;
      }

      @Override
      public Batch get(int i) {
        return new Batch(Tensor.of(new float[] {i, 10 * i, 100 * i, -i}, 2, 2), Tensor.scalar(i % 3));
      }
    };
    DataLoader dl = DataLoader.builder(items).batchSize(4).shuffle(new Generator(1)).build();
    int[] order = new Generator(1).permutation(10);
    int at = 0;
    for (Batch b : dl) {
      assertEquals(at < 8 ? 4 : 2, b.size());
      assertArrayEquals(new int[] {b.size(), 2, 2}, b.x().shape());
      assertArrayEquals(new int[] {b.size()}, b.y().shape());
      for (int k = 0; k < b.size(); k++, at++) {
        int i = order[at];
        assertArrayEquals(new float[] {i, 10 * i, 100 * i, -i}, b.x().get(k).toFloatArray());
        assertEquals(i % 3, b.y().getFloat(k));
      }
    }
    assertEquals(10, at);
  }

  @Test
  void itemsOfDifferentShapesAreNamedInTheError() {
    Dataset<Batch> ragged = new Dataset<>() {
      @Override
      public int size() {
        return 4;
      }

      @Override
      public Batch get(int i) {
        return new Batch(Tensor.zeros(i == 2 ? 3 : 2), Tensor.scalar(0));
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DataLoader(ragged, 4).iterator().next());
    assertTrue(e.getMessage().contains("item 2 has x of shape [3]"), e.getMessage());
  }

  @Test
  void prefetchingGivesTheSameBatches() {
    DataLoader plain = DataLoader.builder(chapterSized()).batchSize(256).shuffle(new Generator(5)).build();
    DataLoader ahead = DataLoader.builder(chapterSized()).batchSize(256).shuffle(new Generator(5)).prefetch(2).build();
    assertEquals(2, ahead.prefetch());
    for (int epoch = 0; epoch < 3; epoch++) {
      List<int[]> p = epoch(plain);
      List<int[]> q = epoch(ahead);
      assertEquals(p.size(), q.size());
      for (int i = 0; i < p.size(); i++) assertArrayEquals(p.get(i), q.get(i));
    }
    // leaving an epoch early and starting another must not hang or mix epochs
    Iterator<Batch> abandoned = ahead.iterator();
    abandoned.next();
    assertEquals(49, org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> epoch(ahead).size()));
  }

  @Test
  void aFailureWhilePrefetchingSurfacesInTheLoop() {
    Dataset<Batch> failing = new Dataset<>() {
      @Override
      public int size() {
        return 10;
      }

      @Override
      public Batch get(int i) {
        if (i == 7) throw new IllegalStateException("item 7 is broken");
        return new Batch(Tensor.zeros(2), Tensor.scalar(0));
      }
    };
    Iterator<Batch> it = DataLoader.builder(failing).batchSize(3).prefetch(1).build().iterator();
    it.next();
    it.next();
    IllegalStateException e = assertThrows(IllegalStateException.class, it::next);
    assertEquals("item 7 is broken", e.getMessage());
  }

  @Test
  void dataLoadersShuffleOnlyTheTrainingSet() {
    DataLoaders dls = DataLoaders.fromDatasets(chapterSized(), chapterSized(), 64, new Generator(3));
    assertTrue(dls.train().shuffle());
    assertFalse(dls.valid().shuffle());
    assertEquals(64, dls.valid().batchSize());
    assertEquals(194, dls.valid().size());
    assertFalse(DataLoaders.fromDatasets(chapterSized(), chapterSized(), 64).train().shuffle());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataLoaders.fromDatasets(chapterSized(), chapterSized(), 64, null));
    assertEquals("fromDatasets: shuffleTrain is null; the three-argument form keeps the order", e.getMessage());
  }

  @Test
  void tensorDatasetPairsRowsAndChecksThem() {
    TensorDataset ds = chapterSized();
    assertEquals(12396, ds.size());
    Batch item = ds.get(10);
    assertArrayEquals(new int[] {784}, item.x().shape());
    assertEquals(10f, item.x().getFloat(0));
    assertEquals(10f, item.y().item());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TensorDataset(Tensor.zeros(5, 2), Tensor.zeros(4, 1)));
    assertTrue(e.getMessage().contains("[5, 2]") && e.getMessage().contains("[4, 1]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds).batchSize(0));
    assertNotEquals(0, new DataLoader(ds, 1).size());
  }
}
