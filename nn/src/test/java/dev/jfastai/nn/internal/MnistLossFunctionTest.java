package dev.jfastai.nn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The fused MNIST loss against the chapter's formula written with tensor ops: the same bits, value and gradient. */
class MnistLossFunctionTest {

  @Test
  void matchesTheComposedFormulaBitForBit() {
    Generator g = new Generator(3);
    for (int n : new int[] {1, 7, 256, 1000}) {
      float[] logits = Tensor.randn(g, n).mul(6f).toFloatArray();
      logits[0] = 0f;
      if (n > 3) {
        logits[1] = 40f;
        logits[2] = -40f;
        logits[3] = Float.NaN;
      }
      float[] targets = Tensor.rand(g, n).gt(0.5f).toFloatArray();
      if (n > 5) targets[5] = 0.5f; // not a 0/1 label: counts as "not 1", like the formula's where
      for (float seed : new float[] {1f, -2.5f, 0f}) {
        Tensor fusedPred = Tensor.of(logits, n, 1).requiresGrad(true);
        Tensor composedPred = Tensor.of(logits, n, 1).requiresGrad(true);
        Tensor target = Tensor.of(targets, n, 1);
        Tensor fused = new MnistLossFunction().apply(fusedPred, target);
        Tensor p = composedPred.sigmoid();
        Tensor composed = Tensor.where(target.eq(1f), p.rsub(1f), p).mean();
        String what = "n=" + n + " seed=" + seed;
        assertEquals(Float.floatToRawIntBits(composed.item()), Float.floatToRawIntBits(fused.item()), what + " value");
        fused.backward(Tensor.scalar(seed));
        composed.backward(Tensor.scalar(seed));
        assertArrayEquals(bits(composedPred.grad().orElseThrow()), bits(fusedPred.grad().orElseThrow()),
            what + " gradient");
      }
    }
  }

  @Test
  void noGradientFlowsToTheTargets() {
    Tensor pred = Tensor.of(new float[] {0.3f, -1f}, 2, 1).requiresGrad(true);
    Tensor target = Tensor.of(new float[] {1f, 0f}, 2, 1).requiresGrad(true);
    new MnistLossFunction().apply(pred, target).backward();
    assertTrue(target.grad().isEmpty());
  }

  private static int[] bits(Tensor t) {
    float[] v = t.toFloatArray();
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) out[i] = Float.floatToRawIntBits(v[i]);
    return out;
  }
}
