package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.tensor.internal.StoragePool;
import org.junit.jupiter.api.Test;

/** The defaults and the argument checks of Conv2dOptions and Pool2dOptions, and errors of the pooling ops. */
class PoolAndConvOptionsTest {
  @Test
  void convDefaultsAreTorchs() {
    Conv2dOptions o = Conv2dOptions.DEFAULTS;
    assertArrayEquals(new int[] {1, 1}, o.stride());
    assertArrayEquals(new int[] {0, 0}, o.padding());
    assertArrayEquals(new int[] {1, 1}, o.dilation());
    assertEquals(1, o.groups());
  }

  @Test
  void poolStrideDefaultsToTheKernelAndAveragesCountPadding() {
    Pool2dOptions o = Pool2dOptions.builder(3, 2).build();
    assertArrayEquals(new int[] {3, 2}, o.stride());
    assertArrayEquals(new int[] {0, 0}, o.padding());
    assertTrue(o.countIncludePad());
  }

  @Test
  void badSettingsAreRejectedNamingTheValue() {
    assertEquals("conv2d: stride must be >= 1, got 0x1",
        assertThrows(IllegalArgumentException.class, () -> Conv2dOptions.builder().stride(0, 1)).getMessage());
    assertEquals("conv2d: groups must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> Conv2dOptions.builder().groups(0)).getMessage());
    assertEquals("pool2d: padding 2x2 must be at most half the kernel 3x3",
        assertThrows(IllegalArgumentException.class, () -> Pool2dOptions.builder(3).padding(2).build()).getMessage());
  }

  @Test
  void poolingNeedsFourDims() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NnFunctional.maxPool2d(Tensor.ones(3, 4, 4), 2));
    assertEquals("maxPool2d: expects input [N, C, H, W], got [3, 4, 4]", e.getMessage());
  }

  @Test
  void aNullBiasIsRejected() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> NnFunctional.conv2d(Tensor.ones(1, 1, 3, 3), Tensor.ones(1, 1, 3, 3), (Tensor) null));
    assertEquals("conv2d: bias", e.getMessage());
  }

  @Test
  void anEmptyBatchGivesAnEmptyOutputAndZeroWeightGradients() {
    Tensor w = Tensor.ones(8, 16, 3, 3).requiresGrad(true);
    Tensor y = NnFunctional.conv2d(Tensor.zeros(0, 16, 4, 4), w, Conv2dOptions.builder().padding(1).build());
    assertArrayEquals(new int[] {0, 8, 4, 4}, y.shape());
    float[] stale = new float[w.numel()];
    java.util.Arrays.fill(stale, Float.NaN);
    StoragePool.release(stale); // the gradient buffer backward takes: it must be overwritten, not trusted
    y.sum().backward();
    assertArrayEquals(new float[w.numel()], w.grad().orElseThrow().toFloatArray());
  }
}
