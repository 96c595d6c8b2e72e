package dev.jfastai.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PyTorch's init bounds, defaults, BatchNorm's bookkeeping and the errors of the convolutional layers. */
class ConvLayersTest {
  private static double maxAbs(Tensor t) {
    double m = 0;
    for (float v : t.toFloatArray()) m = Math.max(m, Math.abs(v));
    return m;
  }

  @Test
  void conv2dInitIsKaimingUniformSqrt5WithTheBiasBound() {
    Conv2d conv = Conv2d.builder(16, 32, 3).generator(new Generator(4)).build();
    double bound = 1 / Math.sqrt(16 * 3 * 3); // gain sqrt(2 / 6) * sqrt(3 / fan_in) = 1 / sqrt(fan_in)
    assertArrayEquals(new int[] {32, 16, 3, 3}, conv.weight().shape());
    assertTrue(maxAbs(conv.weight()) <= bound && maxAbs(conv.weight()) > 0.95 * bound, "weight bound " + bound);
    assertTrue(maxAbs(conv.bias().orElseThrow()) <= bound
        && maxAbs(conv.bias().orElseThrow()) > 0.8 * bound, "bias bound " + bound);
    Conv2d same = Conv2d.builder(16, 32, 3).generator(new Generator(4)).build();
    assertArrayEquals(conv.weight().toFloatArray(), same.weight().toFloatArray(), "the same seed, the same layer");
    Conv2d grouped = Conv2d.builder(4, 8, 3).groups(4).build();
    assertArrayEquals(new int[] {8, 1, 3, 3}, grouped.weight().shape());
  }

  @Test
  void conv2dErrorsNameTheProblem() {
    Conv2d conv = Conv2d.builder(3, 4, 3).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(1, 2, 5,
        5)));
    assertTrue(e.getMessage().contains("expected input [N, 3, H, W], got [1, 2, 5, 5]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Conv2d.builder(3, 4, 3).groups(2));
    assertThrows(IllegalArgumentException.class, () -> Conv2d.builder(3, 4, 0));
    assertTrue(Conv2d.builder(3, 4, 3).bias(false).build().bias().isEmpty());
  }

  @Test
  void batchNormCountsTrainingBatchesAndIsExemptFromWeightDecay() {
    BatchNorm2d bn = new BatchNorm2d(2);
    assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
        List.copyOf(bn.stateDict().keySet()));
    Tensor x = Tensor.randn(new Generator(1), 3, 2, 4, 4);
    bn.call(x);
    bn.call(x);
    bn.eval();
    bn.call(x);
    assertEquals(2, bn.numBatchesTracked(), "eval batches are not counted");
    Sequential net = new Sequential(Conv2d.builder(1, 2, 3).bias(false).build(), bn, new Flatten(),
        new Linear(32, 1));
    assertEquals(List.of(bn.weight(), bn.bias(), ((Linear) net.get(3)).bias().orElseThrow()),
        net.normAndBiasParameters());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.call(Tensor.zeros(3, 2)));
    assertTrue(e.getMessage().contains("BatchNorm2d(2): expected input [N, C, H, W] with C = 2"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> BatchNorm1d.builder(3).trackRunningStats(false).build()
        .runningMean());
  }

  @Test
  void pythonFloatReprMatchesPython() {
    assertEquals("1e-05", BatchNormLayer.pythonFloat(1e-5));
    assertEquals("0.1", BatchNormLayer.pythonFloat(0.1));
    assertEquals("0.0001", BatchNormLayer.pythonFloat(1e-4));
    assertEquals("0.001", BatchNormLayer.pythonFloat(0.001));
    assertEquals("1.5e-07", BatchNormLayer.pythonFloat(1.5e-7));
    assertEquals("1.0", BatchNormLayer.pythonFloat(1));
  }
}
