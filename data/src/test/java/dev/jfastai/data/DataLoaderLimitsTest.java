package dev.jfastai.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/** Batch counts and batch shapes never overflow: the largest batch size is one batch, a too-large batch an error. */
class DataLoaderLimitsTest {
  private static TensorDataset rows(int n) {
    return new TensorDataset(Tensor.arange(n).reshape(n, 1), Tensor.arange(n));
  }

  @Test
  void theLargestBatchSizeGivesOneBatchOfEveryRow() {
    for (boolean shuffle : new boolean[] {false, true}) {
      DataLoader.Builder b = DataLoader.builder(rows(10)).batchSize(Integer.MAX_VALUE);
      if (shuffle) b.shuffle(new Generator(1));
      DataLoader dl = b.build();
      assertEquals(1, dl.len());
      Iterator<Batch> it = dl.iterator();
      assertEquals(10, it.next().size());
      assertTrue(!it.hasNext());
    }
    assertEquals(0, DataLoader.builder(rows(10)).batchSize(Integer.MAX_VALUE).dropLast(true).build().len());
    assertEquals(0, DataLoader.builder(rows(0)).batchSize(Integer.MAX_VALUE).build().len());
  }

  @Test
  void batchCountsNearTheIntLimitAreExact() {
    Dataset<Batch> huge = new Dataset<>() {
      @Override
      public int size() {
        return Integer.MAX_VALUE;
      }

      @Override
      public Batch get(int i) {
        return new Batch(Tensor.zeros(1), Tensor.zeros(1));
      }
    };
    assertEquals(2, DataLoader.builder(huge).batchSize(Integer.MAX_VALUE - 1).build().len());
    assertEquals(1, DataLoader.builder(huge).batchSize(Integer.MAX_VALUE - 1).dropLast(true).build().len());
    assertEquals(Integer.MAX_VALUE, DataLoader.builder(huge).batchSize(1).build().len());
  }

  @Test
  void aBatchTooLargeForOneArrayIsRefusedNamingItsShape() {
    Tensor item = Tensor.zeros(1 << 20); // every item is this one tensor: 4096 of them need 2^32 floats
    Dataset<Batch> big = new Dataset<>() {
      @Override
      public int size() {
        return 4096;
      }

      @Override
      public Batch get(int i) {
        return new Batch(item, Tensor.zeros(1));
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataLoader.builder(big).batchSize(4096).build().iterator().next());
    assertTrue(e.getMessage().contains("[4096, 1048576]"), e.getMessage());
  }
}
