package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The CNN ops save what backward reads, so the version counters catch in-place changes made before backward. */
class ConvVersionCounterTest {
  private static final String MODIFIED =
      "one of the variables needed for gradient computation has been modified by an inplace operation: ";

  private static Tensor image() {
    float[] v = new float[2 * 2 * 4 * 4];
    for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(i * 0.7) + 0.1f * i;
    return Tensor.of(v, 2, 2, 4, 4);
  }

  private static Tensor kernel() {
    float[] v = new float[3 * 2 * 3 * 3];
    for (int i = 0; i < v.length; i++) v[i] = (float) Math.cos(i * 0.3) * 0.5f;
    return Tensor.of(v, 3, 2, 3, 3).requiresGrad(true);
  }

  private static Tensor perChannel(float start) {
    return Tensor.of(new float[] {start, start + 0.5f}, 2).requiresGrad(true);
  }

  private static void assertModified(Tensor loss, String savedBy) {
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().startsWith(MODIFIED), e.getMessage());
    assertTrue(e.getMessage().contains("saved by " + savedBy + ", is at version 1; expected version 0"),
        e.getMessage());
  }

  @Test
  void conv2dWeightUpdatedUnderNoGradBeforeBackwardFails() {
    Tensor w = kernel();
    Tensor loss = NnFunctional.conv2d(image(), w).sum();
    try (NoGrad ignored = Tensor.noGrad()) {
      w.subInPlace(Tensor.full(0.1f, 3, 2, 3, 3));
    }
    assertModified(loss, "Conv2d");
  }

  @Test
  void conv2dInputChangedInPlaceBeforeBackwardFails() {
    Tensor x = image();
    Tensor loss = NnFunctional.conv2d(x, kernel()).sum();
    x.mulInPlace(2f);
    assertModified(loss, "Conv2d");
  }

  @Test
  void batchNormInputChangedInPlaceBeforeBackwardFails() {
    Tensor x = image().requiresGrad(true);
    Tensor loss = NnFunctional.batchNorm(x, null, null, perChannel(1f), perChannel(0f),
        BatchNormOptions.training()).pow(2f).sum();
    try (NoGrad ignored = Tensor.noGrad()) {
      x.mulInPlace(2f);
    }
    assertModified(loss, "BatchNorm");
  }

  @Test
  void batchNormWeightUpdatedUnderNoGradBeforeBackwardFails() {
    Tensor weight = perChannel(1f);
    Tensor loss = NnFunctional.batchNorm(image(), null, null, weight, perChannel(0f),
        BatchNormOptions.training()).pow(2f).sum();
    try (NoGrad ignored = Tensor.noGrad()) {
      weight.subInPlace(Tensor.full(0.1f, 2));
    }
    assertModified(loss, "BatchNorm");
  }

  @Test
  void poolInputChangedInPlaceBeforeBackwardFailsAsInPyTorch() {
    Tensor x = image().requiresGrad(true);
    Tensor h = x.mul(1f);
    Tensor loss = NnFunctional.maxPool2d(h, 2).sum().add(NnFunctional.avgPool2d(h, 2).sum())
        .add(NnFunctional.adaptiveAvgPool2d(h, 1).sum());
    try (NoGrad ignored = Tensor.noGrad()) {
      h.addInPlace(Tensor.scalar(1f));
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().startsWith(MODIFIED), e.getMessage());
  }

  @Test
  void anOrdinaryForwardAndBackwardWithoutInPlaceChangesWorks() {
    Tensor x = image().requiresGrad(true);
    Tensor w = kernel();
    Tensor b = Tensor.of(new float[] {0.1f, -0.2f, 0.3f}, 3).requiresGrad(true);
    Tensor weight = Tensor.of(new float[] {1f, 0.5f, 2f}, 3).requiresGrad(true);
    Tensor bias = Tensor.of(new float[] {0f, 0.1f, -0.1f}, 3).requiresGrad(true);
    Tensor runningMean = Tensor.zeros(3);
    Tensor runningVar = Tensor.full(1f, 3);
    Tensor y = NnFunctional.conv2d(x, w, b, Conv2dOptions.builder().padding(1).build());
    y = NnFunctional.batchNorm(y, runningMean, runningVar, weight, bias, BatchNormOptions.training()).relu();
    Tensor loss = NnFunctional.maxPool2d(y, 2).sum().add(NnFunctional.avgPool2d(y, 2).sum())
        .add(NnFunctional.adaptiveAvgPool2d(y, 1).pow(2f).sum());
    loss.backward();
    assertTrue(x.grad().isPresent());
    assertTrue(w.grad().isPresent());
    assertTrue(b.grad().isPresent());
    assertTrue(weight.grad().isPresent());
    assertTrue(bias.grad().isPresent());
    assertEquals(0, w.version());
    try (NoGrad ignored = Tensor.noGrad()) {
      w.subInPlace(w.grad().orElseThrow().mul(0.01f)); // stepping after backward is fine
    }
    assertEquals(1, w.version());
  }
}
