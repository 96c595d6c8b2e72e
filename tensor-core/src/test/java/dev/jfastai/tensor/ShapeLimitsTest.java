package dev.jfastai.tensor;

import static dev.jfastai.tensor.AutogradSemanticsTest.assertMessageMentions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Shapes whose sizes multiply past what a Java array holds are refused with an IllegalArgumentException naming the
 * shape, before anything is allocated, wherever a shape is made: factories, views, broadcasting, products, cat.
 */
class ShapeLimitsTest {
  private static void assertRefused(Executable call, String shape) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertMessageMentions(e, shape);
  }

  @Test
  void aProductThatOverflowsALongToZeroIsRefused() {
    assertRefused(() -> Tensor.zeros(65536, 65536, 65536, 65536), "[65536, 65536, 65536, 65536]");
  }

  @Test
  void aProductOfTwoToThe64MinusOneIsRefused() {
    // 3 * 5 * 17 * 257 * 641 * 65537 * 6700417 = 2^64 - 1: -1 as a long
    assertRefused(() -> Tensor.ones(3, 5, 17, 257, 641, 65537, 6700417), "[3, 5, 17, 257, 641, 65537, 6700417]");
  }

  @Test
  void moreElementsThanAJavaArrayHoldsAreRefused() {
    assertRefused(() -> Tensor.zeros(65536, 32768), "[65536, 32768]");
    assertRefused(() -> Tensor.full(1f, 46341, 46341), "[46341, 46341]");
    assertRefused(() -> Tensor.randn(new Generator(1), 2, 1 << 30), "[2, 1073741824]");
  }

  @Test
  void anEmptyTensorCannotBeViewedAsAnOverflowingShape() {
    assertRefused(() -> Tensor.zeros(0).reshape(65536, 65536, 65536, 65536), "[65536, 65536, 65536, 65536]");
    assertRefused(() -> Tensor.zeros(0).view(65536, 65536, 65536, 65536, -1), "[65536, 65536, 65536, 65536, -1]");
    assertRefused(() -> Tensor.zeros(0, 65536, 65536), "[0, 65536, 65536]");
  }

  @Test
  void resultsOfOpsAreCheckedBeforeTheyAreAllocated() {
    assertRefused(() -> Tensor.zeros(65536, 1).add(Tensor.zeros(1, 65536)), "[65536, 65536]");
    assertRefused(() -> Tensor.zeros(65536, 1).matmul(Tensor.zeros(1, 65536)), "[65536, 65536]");
    assertRefused(() -> Tensor.linear(Tensor.zeros(65536, 1), Tensor.zeros(65536, 1), null), "[65536, 65536]");
    assertRefused(() -> Tensor.zeros(65536, 1).expand(65536, 65536), "[65536, 65536]");
    Tensor wide = Tensor.zeros(0, 1 << 30);
    assertRefused(() -> Tensor.cat(List.of(wide, wide, wide), 1), "[0, 1073741824]");
    assertRefused(() -> Tensor.arange(0f, 1e10f, 1f), "1.0E10");
  }

  @Test
  void largeButValidShapesStillWork() {
    assertEquals(0, Tensor.zeros(0, 65536).numel());
    assertArrayEquals(new int[] {65536, 0}, Tensor.zeros(0).reshape(65536, 0).shape());
    assertEquals(1 << 20, Tensor.zeros(1 << 10, 1 << 10).numel());
  }
}
