package dev.jfastai.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jfastai.tensor.Tensor;
import java.util.Map;

/** Exact comparison of state dicts (weights, optimizer state). */
final class TensorAsserts {
  private TensorAsserts() {}

  static void assertSameState(Map<String, Tensor> expected, Map<String, Tensor> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    for (String k : expected.keySet()) {
      assertArrayEquals(expected.get(k).shape(), actual.get(k).shape(), k);
      assertArrayEquals(expected.get(k).toFloatArray(), actual.get(k).toFloatArray(), k);
    }
  }
}
