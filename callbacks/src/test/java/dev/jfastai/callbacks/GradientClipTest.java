package dev.jfastai.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jfastai.learner.Learner;
import dev.jfastai.nn.Module;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClipTest {
  private static int[] shape(JsonNode s) {
    int[] out = new int[s.size()];
    for (int i = 0; i < out.length; i++) out[i] = s.get(i).asInt();
    return out;
  }

  private static float[] floats(JsonNode a) {
    double[] d = Fixtures.doubleArray(a);
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
    return f;
  }

  @Test
  void clipsLikeTorchClipGradNorm() {
    for (JsonNode c : Fixtures.json("grad_clip.json")) {
      List<Tensor> params = new ArrayList<>();
      for (int i = 0; i < c.get("shapes").size(); i++) {
        int[] s = shape(c.get("shapes").get(i));
        Tensor p = Tensor.zeros(s).requiresGrad(true);
        p.setGrad(Tensor.of(floats(c.get("grads").get(i)), s));
        params.add(p);
      }
      Module model = mock(Module.class);
      when(model.parameters()).thenReturn(params);
      Learner learn = mock(Learner.class);
      when(learn.model()).thenReturn(model);

      GradientClip clip = new GradientClip(c.get("maxNorm").asDouble());
      clip.afterBackward(learn);

      double norm = c.get("totalNorm").asDouble();
      assertEquals(norm, clip.lastNorm().orElseThrow(), 1e-6 * norm);
      for (int i = 0; i < params.size(); i++) {
        assertArrayEquals(floats(c.get("clipped").get(i)), params.get(i).grad().orElseThrow().toFloatArray(), 1e-6f,
            "param " + i);
      }
    }
  }

  @Test
  void skipsParametersWithoutGradient() {
    Tensor a = Tensor.zeros(2).requiresGrad(true);
    Tensor b = Tensor.zeros(2).requiresGrad(true);
    b.setGrad(Tensor.of(new float[] {3, 4}, 2));
    assertEquals(5.0, GradientClip.clip(List.of(a, b), 1.0), 1e-12);
    assertTrue(a.grad().isEmpty());
    assertArrayEquals(new float[] {0.6f, 0.8f}, b.grad().orElseThrow().toFloatArray(), 1e-6f);
  }
}
