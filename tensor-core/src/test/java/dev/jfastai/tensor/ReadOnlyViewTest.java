package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A read-only view refuses every in-place op, and so do its views; the storage it shares is never changed. */
class ReadOnlyViewTest {
  private static final float[] VALUES = {1f, 2f, 3f, 4f, 5f, 6f};

  @Test
  void everyInPlaceOpOnTheViewOrItsViewsIsRefusedWithTheReason() {
    Tensor data = Tensor.of(VALUES, 3, 2);
    Tensor view = data.readOnlyView("a batch of the dataset; use copy()");
    List<Consumer<Tensor>> writes = List.of(
        t -> t.subInPlace(Tensor.scalar(1f)),
        t -> t.addInPlace(Tensor.scalar(1f)),
        t -> t.addInPlace(Tensor.onesLike(t), 2f),
        t -> t.mulInPlace(2f),
        t -> t.fillInPlace(0f),
        t -> t.copyFrom(Tensor.zeros(t.shape())));
    for (Tensor t : List.of(view, view.narrow(0, 1, 2), view.reshape(6), view.get(0), view.detach())) {
      for (Consumer<Tensor> write : writes) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> write.accept(t));
        assertTrue(e.getMessage().endsWith("Place: a batch of the dataset; use copy()")
            || e.getMessage().equals("copyFrom: a batch of the dataset; use copy()"),
            e.getMessage());
      }
    }
    assertArrayEquals(VALUES, data.toFloatArray());
    assertEquals(0, data.version());
  }

  @Test
  void theSourceCopiesAndResultsStayWritable() {
    Tensor data = Tensor.of(VALUES, 3, 2);
    Tensor view = data.readOnlyView("test");
    Tensor copy = view.copy();
    copy.mulInPlace(2f);
    Tensor result = view.mul(2f);
    result.addInPlace(Tensor.scalar(1f));
    assertArrayEquals(VALUES, view.toFloatArray());
    data.fillInPlace(0f); // the owner may still change its data, and the view shows it
    assertEquals(0f, view.getFloat(2, 1));
    assertEquals(1, view.version());
  }
}
