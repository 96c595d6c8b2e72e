package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Creation, inspection, storage sharing and printing. */
class TensorBasicsTest {
  private static final float[] DATA = {1f, 2f, 3f, 4f, 5f, 6f};

  @Test
  void ofCopiesAndWrapShares() {
    float[] data = DATA.clone();
    Tensor copied = Tensor.of(data, 2, 3);
    Tensor wrapped = Tensor.wrap(data, 2, 3);
    data[0] = 100f;
    assertEquals(1f, copied.getFloat(0, 0), "of copies its data");
    assertEquals(100f, wrapped.getFloat(0, 0), "wrap shares its array");
    assertSame(data, wrapped.array());
    assertEquals(0, wrapped.arrayOffset());
  }

  @Test
  void inspection() {
    Tensor t = Tensor.of(DATA, 2, 3);
    assertArrayEquals(new int[] {2, 3}, t.shape());
    t.shape()[0] = 9;
    assertArrayEquals(new int[] {2, 3}, t.shape(), "shape() returns a copy");
    assertEquals(2, t.dim());
    assertEquals(6, t.numel());
    assertEquals(3, t.size(1));
    assertEquals(3, t.size(-1));
    assertEquals(2, t.size(-2));
    assertEquals(6f, t.getFloat(1, 2));
    assertEquals(4f, t.getFloat(1, 0));
    float[] out = t.toFloatArray();
    out[0] = -1f;
    assertEquals(1f, t.getFloat(0, 0), "toFloatArray returns a copy");
    for (int i = 0; i < 6; i++) assertEquals(DATA[i], t.array()[t.arrayOffset() + i], "row-major storage at " + i);
  }

  @Test
  void scalarsHaveRankZero() {
    Tensor s = Tensor.scalar(2.5f);
    assertEquals(0, s.dim());
    assertArrayEquals(new int[0], s.shape());
    assertEquals(1, s.numel());
    assertEquals(2.5f, s.item());
    assertEquals(0, Tensor.of(new float[] {4f}).dim(), "of with no shape is rank 0");
    assertEquals(4f, Tensor.of(new float[] {4f}, 1, 1).item(), "item works on any one-element tensor");
    assertEquals(21f, Tensor.of(DATA, 2, 3).sum().item());
  }

  @Test
  void filledFactories() {
    assertArrayEquals(new float[6], Tensor.zeros(2, 3).toFloatArray());
    assertArrayEquals(new float[] {1f, 1f, 1f}, Tensor.ones(3).toFloatArray());
    assertArrayEquals(new float[] {7f, 7f, 7f, 7f}, Tensor.full(7f, 2, 2).toFloatArray());
    Tensor t = Tensor.of(DATA, 3, 2);
    assertArrayEquals(new int[] {3, 2}, Tensor.zerosLike(t).shape());
    assertArrayEquals(new float[6], Tensor.zerosLike(t).toFloatArray());
    assertArrayEquals(new float[] {1f, 1f, 1f, 1f, 1f, 1f}, Tensor.onesLike(t).toFloatArray());
    assertArrayEquals(new int[] {0}, Tensor.zeros(0).shape(), "empty tensors are allowed");
  }

  /** A rank-0 tensor broadcasts to any shape, as a source of in-place copies too. */
  @Test
  void rankZeroTensorsBroadcastIntoCopies() {
    Tensor target = Tensor.zeros(2, 3);
    target.copyFrom(Tensor.scalar(4f));
    assertArrayEquals(Tensor.full(4f, 2, 3).toFloatArray(), target.toFloatArray(), "copyFrom(scalar)");
    assertArrayEquals(Tensor.full(4f, 2, 3).toFloatArray(), Tensor.scalar(4f).expand(2, 3).toFloatArray(), "expand");
  }

  @Test
  void narrowOnDimZeroSharesStorage() {
    Tensor t = Tensor.of(DATA, 3, 2);
    Tensor rows = t.narrow(0, 1, 2);
    assertSame(t.array(), rows.array());
    assertEquals(t.arrayOffset() + 2, rows.arrayOffset());
    assertArrayEquals(new float[] {3f, 4f, 5f, 6f}, rows.toFloatArray());
    t.fillInPlace(0f);
    assertArrayEquals(new float[4], rows.toFloatArray(), "a write to the base shows through the rows");
  }

  @Test
  void inPlaceWritesToARowBatchStayInsideIt() {
    Tensor t = Tensor.of(DATA, 3, 2);
    t.narrow(0, 1, 1).fillInPlace(0f);
    assertArrayEquals(new float[] {1f, 2f, 0f, 0f, 5f, 6f}, t.toFloatArray());
    t.narrow(0, 2, 1).addInPlace(Tensor.ones(1, 2));
    t.narrow(0, 0, 1).mulInPlace(-1f);
    assertArrayEquals(new float[] {-1f, -2f, 0f, 0f, 6f, 7f}, t.toFloatArray());
  }

  @Test
  void batchesOfANarrowedTensorKeepWorking() {
    Tensor t = Tensor.of(DATA, 3, 2);
    Tensor batch = t.narrow(0, 1, 2);
    assertArrayEquals(new float[] {8f, 10f}, batch.sum(0).toFloatArray());
    assertArrayEquals(new float[] {7f, 11f}, batch.sum(1).toFloatArray());
    assertArrayEquals(new float[] {5f, 6f}, batch.get(1).toFloatArray());
    assertArrayEquals(new float[] {3f, 4f, 5f, 6f}, batch.copy().toFloatArray());
    assertNotSame(t.array(), batch.copy().array(), "copy owns its storage");
  }

  /** PyTorch's layout: nested brackets, 4 decimals, long dims summarised with "...". */
  @Test
  void toStringIsReadable() {
    String s = Tensor.of(new float[] {1.5f, -2f, 0.25f, 3f}, 2, 2).toString();
    assertTrue(s.contains("[[1.5000, -2.0000]") && s.contains("[0.2500, 3.0000]]"), "values in " + s);
    assertTrue(Tensor.scalar(3.5f).toString().contains("3.5000"), Tensor.scalar(3.5f).toString());
    String big = Tensor.zeros(1000, 1000).toString();
    assertTrue(big.length() < 5_000, "a large tensor prints a summary, not " + big.length() + " characters");
    assertTrue(big.contains("..."), "a large tensor elides its middle: " + big);
  }
}
