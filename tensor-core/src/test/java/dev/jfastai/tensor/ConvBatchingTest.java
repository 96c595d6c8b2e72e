package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * conv2d on batches large enough to be cut into several chunks of images, shared between the kernel threads (the
 * fixture cases fit one chunk): outputs and input gradients equal those of each image alone, and the weight and
 * bias gradients equal the sums of the per-image ones.
 */
class ConvBatchingTest {
  @ParameterizedTest(name = "batch {0}, {1}->{2} channels, {3}x{3} images, kernel {4}, stride {5}, padding {6}")
  @CsvSource({"40, 1, 8, 28, 5, 2, 2", "37, 8, 16, 14, 3, 2, 1", "70, 16, 6, 7, 3, 1, 1"})
  void aBatchGivesWhatItsImagesGiveOneByOne(int batch, int in, int out, int size, int kernel, int stride, int pad) {
    Generator g = new Generator(batch);
    Conv2dOptions options = Conv2dOptions.builder().stride(stride).padding(pad).build();
    Tensor x = Tensor.randn(g, batch, in, size, size).requiresGrad(true);
    Tensor w = Tensor.randn(g, out, in, kernel, kernel).requiresGrad(true);
    Tensor b = Tensor.randn(g, out).requiresGrad(true);
    Tensor y = NnFunctional.conv2d(x, w, b, options);
    Tensor gradOutput = Tensor.randn(g, y.shape());
    y.backward(gradOutput);

    List<Tensor> outputs = new ArrayList<>();
    List<Tensor> inputGrads = new ArrayList<>();
    float[] weightGrad = new float[w.numel()];
    float[] biasGrad = new float[out];
    for (int n = 0; n < batch; n++) {
      Tensor xi = x.detach().narrow(0, n, 1).copy().requiresGrad(true);
      Tensor wi = w.detach().copy().requiresGrad(true);
      Tensor bi = b.detach().copy().requiresGrad(true);
      Tensor yi = NnFunctional.conv2d(xi, wi, bi, options);
      yi.backward(gradOutput.narrow(0, n, 1).copy());
      outputs.add(yi.detach());
      inputGrads.add(xi.grad().orElseThrow());
      add(weightGrad, wi.grad().orElseThrow());
      add(biasGrad, bi.grad().orElseThrow());
    }
    assertNear("output", Tensor.cat(outputs, 0).toFloatArray(), y.toFloatArray());
    assertNear("input grad", Tensor.cat(inputGrads, 0).toFloatArray(), x.grad().orElseThrow().toFloatArray());
    assertNear("weight grad", weightGrad, w.grad().orElseThrow().toFloatArray());
    assertNear("bias grad", biasGrad, b.grad().orElseThrow().toFloatArray());
  }

  @Test
  void mismatchedChannelsAreRejectedNamingEveryShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NnFunctional.conv2d(Tensor.ones(2, 3, 5, 5), Tensor.ones(4, 2, 3, 3)));
    assertEquals("conv2d: channels do not match: input [2, 3, 5, 5], weight [4, 2, 3, 3] (stride=1x1, padding=0x0,"
        + " dilation=1x1, groups=1); input channels and OC must be divisible by groups, and the weight's dim 1 must"
        + " be input channels / groups", e.getMessage());
  }

  @Test
  void aKernelLargerThanThePaddedInputIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NnFunctional.conv2d(Tensor.ones(1, 1, 2, 2), Tensor.ones(1, 1, 3, 3)));
    assertEquals("conv2d: the padded input is smaller than the dilated kernel: input [1, 1, 2, 2], weight"
        + " [1, 1, 3, 3] (stride=1x1, padding=0x0, dilation=1x1, groups=1)", e.getMessage());
  }

  /**
   * The forward keeps its padded input for the weight gradient, and the first backward gives it back: a second
   * backward through a retained graph pads again and gets the same gradients; without recording, nothing is kept.
   */
  @Test
  void aRetainedGraphGivesTheSameWeightGradientTwice() {
    Generator g = new Generator(3);
    Conv2dOptions options = Conv2dOptions.builder().stride(2).padding(1).build();
    Tensor x = Tensor.randn(g, 6, 8, 14, 14);
    Tensor w = Tensor.randn(g, 16, 8, 3, 3).requiresGrad(true);
    Tensor y = NnFunctional.conv2d(x, w, options);
    Tensor gradOutput = Tensor.randn(g, y.shape());
    y.backward(gradOutput, true);
    float[] first = w.grad().orElseThrow().toFloatArray();
    w.setGrad(null);
    y.backward(gradOutput);
    assertArrayEquals(first, w.grad().orElseThrow().toFloatArray());
    try (NoGrad off = Tensor.noGrad()) {
      assertArrayEquals(y.detach().toFloatArray(), NnFunctional.conv2d(x, w, options).toFloatArray());
    }
  }

  private static void add(float[] sum, Tensor t) {
    float[] v = t.toFloatArray();
    for (int i = 0; i < sum.length; i++) sum[i] += v[i];
  }

  /** Within 1e-5 of the largest magnitude: the batch sums the images' terms in another order. */
  private static void assertNear(String what, float[] want, float[] got) {
    assertEquals(want.length, got.length, what + " size");
    float scale = 0;
    for (float v : want) scale = Math.max(scale, Math.abs(v));
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], 1e-5 * scale, what + " element " + i);
    }
  }
}
