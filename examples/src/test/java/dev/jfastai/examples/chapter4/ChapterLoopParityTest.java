package dev.jfastai.examples.chapter4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jfastai.data.Batch;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.data.TensorDataset;
import dev.jfastai.examples.Fixtures;
import dev.jfastai.nn.Linear;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.ReLU;
import dev.jfastai.nn.Sequential;
import dev.jfastai.nn.optim.BasicOptim;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plain loop and BasicLearner against the same loop run in PyTorch (fixture chapter_loop.json): same initial
 * weights and data give the same accuracies (mean of batch accuracies, rounded to 4), losses and final weights.
 */
class ChapterLoopParityTest {
  private static final JsonNode FIXTURE = Fixtures.read("chapter_loop.json");
  private static final int EPOCHS = FIXTURE.get("epochs").asInt();
  private static final int BS = FIXTURE.get("bs").asInt();
  private static final float LR = (float) FIXTURE.get("lr").asDouble();

  @Test
  void plainLoopMatchesPyTorch() {
    Module model = initialModel();
    Tensor[] d = data();
    List<Batch> train = BatchSlices.of(d[0], d[1], BS);
    List<Batch> valid = BatchSlices.of(d[2], d[3], BS);
    PlainTrainingLoop loop = new PlainTrainingLoop(model, Losses::mnistLoss, new BasicOptim(model.parameters(), LR),
        train, valid);
    List<Double> seen = new ArrayList<>();

    List<Double> accuracies = loop.trainModel(EPOCHS, seen::add);

    assertEquals(expected("accuracies"), accuracies);
    assertEquals(accuracies, seen);
    assertWeights(model);
  }

  @Test
  void basicLearnerMatchesPyTorch() {
    Module model = initialModel();
    Tensor[] d = data();
    DataLoaders dls = DataLoaders.fromDatasets(new TensorDataset(d[0], d[1]), new TensorDataset(d[2], d[3]), BS);
    BasicLearner learn = new BasicLearner(dls, model, BasicOptim::new, Losses::mnistLoss, TrainingSteps::batchAccuracy);

    List<EpochResult> results = learn.fit(EPOCHS, LR);

    List<Double> losses = expected("train_losses");
    List<Double> accuracies = expected("accuracies");
    for (int i = 0; i < EPOCHS; i++) {
      EpochResult r = results.get(i);
      assertEquals(i, r.epoch());
      assertEquals(losses.get(i), r.trainLoss(), 1e-6, "train loss of epoch " + i);
      assertEquals(accuracies.get(i), r.metric(), "accuracy of epoch " + i);
    }
    assertEquals(results, learn.history());
    assertWeights(model);
  }

  private static Module initialModel() {
    int in = FIXTURE.get("n_in").asInt();
    int hidden = FIXTURE.get("n_hidden").asInt();
    Generator g = new Generator(1);
    Module model = new Sequential(new Linear(in, hidden, g), new ReLU(), new Linear(hidden, 1, g));
    model.loadStateDict(Fixtures.stateDict(FIXTURE.get("init")));
    return model;
  }

  private static Tensor[] data() {
    return new Tensor[] {Fixtures.tensor(FIXTURE.get("train_x")), Fixtures.tensor(FIXTURE.get("train_y")).unsqueeze(1),
        Fixtures.tensor(FIXTURE.get("valid_x")), Fixtures.tensor(FIXTURE.get("valid_y")).unsqueeze(1)};
  }

  private static List<Double> expected(String key) {
    List<Double> values = new ArrayList<>();
    FIXTURE.get(key).forEach(n -> values.add(n.asDouble()));
    return values;
  }

  private static void assertWeights(Module model) {
    Map<String, Tensor> expected = Fixtures.stateDict(FIXTURE.get("final"));
    Map<String, Tensor> actual = model.stateDict();
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, t) -> assertArrayEquals(t.toFloatArray(), actual.get(name).toFloatArray(), 2e-5f, name));
  }
}
