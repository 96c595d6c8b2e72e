package dev.jfastai.tensor;

import static dev.jfastai.tensor.TensorAssert.RTOL;
import static dev.jfastai.tensor.TensorAssert.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chapter's step on one batch of 256 against PyTorch (chapter_step.json): loss =
 * mnist_loss(Linear(784,30) -> ReLU -> Linear(30,1)), its gradients for w1, b1, w2, b2, and the loss after
 * one {@code p -= p.grad * lr} step inside noGrad.
 *
 * <p>Tolerance: rtol 1e-5 with a floor of 1e-5 x max|want|. The w1 gradient sums 256 mixed-sign products per
 * element and the forward sums 784; float32 PyTorch lands ~2e-7 of the scale off the float64 reference here,
 * and a different (still correct) summation order, e.g. sequential over the batch, can be several times worse.
 * A real gradient bug (a wrong batch count, a missed ReLU mask) is off by more than 1e-3 relative.
 */
class ChapterStepParityTest {
  private static final double FLOOR = 1e-5;
  private static final JsonNode FIXTURE = TensorFixtures.chapter();

  private Tensor x;
  private Tensor y;
  private Map<String, Tensor> params;

  @BeforeEach
  void load() {
    byte[] bytes = Base64.getDecoder().decode(FIXTURE.get("xBytesBase64").asText());
    float[] pixels = new float[bytes.length];
    for (int i = 0; i < bytes.length; i++) pixels[i] = (bytes[i] & 0xff) / 255f; // as the generator: float32 /255
    x = Tensor.of(pixels, FIXTURE.get("xShape").get(0).asInt(), FIXTURE.get("xShape").get(1).asInt());
    y = TensorFixtures.tensor(FIXTURE.get("y")).toTensor();
    params = new LinkedHashMap<>();
    for (String name : new String[] {"w1", "b1", "w2", "b2"}) {
      params.put(name, TensorFixtures.tensor(FIXTURE.get("params").get(name)).toTensor().requiresGrad(true));
    }
  }

  @Test
  void linearReluLinearStepMatchesPyTorch() {
    checkStep(ChapterStepParityTest::linearForward);
  }

  /** The same model spelled with matmul, t() and a broadcast add, as a hand-written model would. */
  @Test
  void matmulSpelledStepMatchesPyTorch() {
    checkStep((in, p) -> {
      Tensor h = in.matmul(p.get("w1").t()).add(p.get("b1")).relu();
      return h.matmul(p.get("w2").t()).add(p.get("b2"));
    });
  }

  private static Tensor linearForward(Tensor in, Map<String, Tensor> p) {
    Tensor h = Tensor.linear(in, p.get("w1"), p.get("b1")).relu();
    return Tensor.linear(h, p.get("w2"), p.get("b2"));
  }

  private void checkStep(BiFunction<Tensor, Map<String, Tensor>, Tensor> model) {
    Tensor loss = OpCatalog.mnistLoss(model.apply(x, params), y);
    assertScalar("loss", FIXTURE.get("loss").asDouble(), loss);
    loss.backward();
    for (Map.Entry<String, Tensor> p : params.entrySet()) {
      assertClose("grad of " + p.getKey(), TensorFixtures.tensor(FIXTURE.get("grads").get(p.getKey())),
          p.getValue().grad().orElseThrow(), RTOL, FLOOR);
    }
    float lr = (float) FIXTURE.get("lr").asDouble();
    try (NoGrad ignored = Tensor.noGrad()) {
      for (Tensor p : params.values()) p.subInPlace(p.grad().orElseThrow().mul(lr)); // the chapter's p -= p.grad * lr
      assertScalar("loss after one SGD step", FIXTURE.get("lossAfterStep").asDouble(),
          OpCatalog.mnistLoss(model.apply(x, params), y));
    }
  }

  private static void assertScalar(String what, double want, Tensor got) {
    assertClose(what, new int[0], new float[] {(float) want}, new float[] {got.item()}, RTOL, FLOOR);
  }
}
