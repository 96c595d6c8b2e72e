package dev.jfastai.nn;

import static dev.jfastai.nn.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jfastai.nn.internal.DType;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The book's chapter-13 BatchNorm CNN: the state dict PyTorch saved (safetensors, num_batches_tracked as int64)
 * loads into the same model built here, which then gives PyTorch's outputs in eval and train mode, the same running
 * statistics after the train forward, the same gradients, and saves int64 buffers back as I64.
 */
class ChapterCnnInteropTest {
  private static final double TOL = 2e-5;
  private static final JsonNode FIXTURE = Fixtures.json("cnn_model.json");

  /** The book's {@code conv(ni, nf, ks, act)}: Conv2d stride 2, then ReLU if act, then BatchNorm2d. */
  static Sequential conv(int ni, int nf, int ks, boolean act, Generator g) {
    Conv2d c = Conv2d.builder(ni, nf, ks).stride(2).padding(ks / 2).generator(g).build();
    return act ? new Sequential(c, new ReLU(), new BatchNorm2d(nf)) : new Sequential(c, new BatchNorm2d(nf));
  }

  static Sequential model() {
    Generator g = new Generator(1);
    return new Sequential(conv(1, 8, 5, true, g), conv(8, 16, 3, true, g), conv(16, 32, 3, true, g),
        conv(32, 64, 3, true, g), conv(64, 10, 3, false, g), new Flatten());
  }

  @Test
  void pytorchsStateDictGivesPytorchsOutputsInEvalAndTrainMode() throws IOException {
    Sequential model = model();
    List<String> keys = new ArrayList<>();
    FIXTURE.get("keys").forEach(k -> keys.add(k.asText()));
    assertEquals(keys, List.copyOf(model.stateDict().keySet()), "PyTorch's state-dict keys, in order");

    Safetensors.load(model, Fixtures.path("cnn_model.safetensors"));
    assertEquals(3, ((BatchNorm2d) ((Sequential) model.get(0)).get(2)).numBatchesTracked());
    Tensor x = Fixtures.tensor(FIXTURE.get("input"));
    model.eval();
    try (var ignored = Tensor.noGrad()) {
      assertClose(FIXTURE.get("evalOutput"), model.call(x), TOL, TOL, "eval output");
    }
    model.train();
    Tensor out = model.call(x);
    assertClose(FIXTURE.get("trainOutput"), out, TOL, TOL, "train output");
    Map<String, Tensor> state = model.stateDict();
    FIXTURE.get("buffersAfterTrain").properties().forEach(e ->
        assertClose(e.getValue(), state.get(e.getKey()), TOL, TOL, "after the train forward: " + e.getKey()));
    Losses.crossEntropy(out, Fixtures.tensor(FIXTURE.get("target"))).backward();
    Map<String, Tensor> params = model.namedParameters();
    FIXTURE.get("paramGrads").properties().forEach(e ->
        assertClose(e.getValue(), params.get(e.getKey()).grad().orElseThrow(), 1e-4, 1e-3, "grad of " + e.getKey()));
    assertEquals(List.of("0.0.bias", "0.2.weight", "0.2.bias"), normAndBiasNames(model).subList(0, 3),
        "fastai's norm_bias_params: conv biases and all BatchNorm parameters");
  }

  private static List<String> normAndBiasNames(Module model) {
    List<Tensor> chosen = model.normAndBiasParameters();
    List<String> names = new ArrayList<>();
    model.namedParameters().forEach((k, v) -> {
      if (chosen.contains(v)) names.add(k);
    });
    return names;
  }

  @Test
  void savesNumBatchesTrackedAsInt64(@TempDir Path dir) throws IOException {
    Sequential model = model();
    Safetensors.load(model, Fixtures.path("cnn_model.safetensors"));
    Path file = dir.resolve("cnn.safetensors");
    Safetensors.save(model, file);
    Map<String, Tensor> back = Safetensors.read(file).tensors();
    assertEquals(3f, back.get("4.1.num_batches_tracked").item());
    String header = new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(true, header.contains("\"0.2.num_batches_tracked\":{\"dtype\":\"" + DType.I64.name() + "\""),
        "int64 like PyTorch's");
    assertEquals(true, header.contains("\"0.2.running_var\":{\"dtype\":\"F32\""));
  }
}
