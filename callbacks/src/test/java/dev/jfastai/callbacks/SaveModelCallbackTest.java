package dev.jfastai.callbacks;

import static dev.jfastai.callbacks.TensorAsserts.assertSameState;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.learner.Callback;
import dev.jfastai.learner.Event;
import dev.jfastai.learner.Learner;
import dev.jfastai.nn.Linear;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.Safetensors;
import dev.jfastai.nn.optim.Optimizers;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaveModelCallbackTest {
  @TempDir Path dir;
  private final List<Map<String, Tensor>> weights = new ArrayList<>();
  private final Callback snapshot = Callback.on(Event.afterEpoch, l -> weights.add(l.model().stateDict()));

  private Learner trainingOnScores(double... scores) {
    return Learner.builder(TinyLearners.linearData(32, 16, 8, 5L), new Linear(2, 1, new Generator(3)))
        .optFunc(Optimizers.sgd()).lossFunc(Losses::mse).metrics(new ScriptedMetric("score", scores)).path(dir).build();
  }

  @Test
  void savesEachImprovementAndReloadsTheBestAtTheEnd() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SaveModelCallback cb = SaveModelCallback.builder().monitor("score")
        .out(new PrintStream(bytes, true, StandardCharsets.UTF_8)).build();
    Learner learn = trainingOnScores(0.2, 0.7, 0.5, 0.6);
    learn.fit(4, 0.05f, cb, snapshot);

    assertEquals(OptionalInt.of(1), cb.bestEpoch());
    assertSameState(weights.get(1), learn.model().stateDict());
    Linear saved = new Linear(2, 1);
    Safetensors.load(saved, dir.resolve("models/model.safetensors"));
    assertSameState(weights.get(1), saved.stateDict());
    assertEquals("Better model found at epoch 0 with score value: 0.2.\n"
        + "Better model found at epoch 1 with score value: 0.7.\n",
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void withoutAtEndTheLastWeightsStay() {
    SaveModelCallback cb = SaveModelCallback.builder().monitor("score").atEnd(false).verbose(false).build();
    Learner learn = trainingOnScores(0.2, 0.7, 0.5);
    learn.fit(3, 0.05f, cb, snapshot);
    assertSameState(weights.get(2), learn.model().stateDict());
  }

  @Test
  void everyEpochSavesNumberedCheckpointsThatResume() {
    Learner learn = trainingOnScores(0.1, 0.2, 0.3);
    learn.fit(3, 0.05f, SaveModelCallback.builder().everyEpoch(true).fileName("epoch").build(), snapshot);
    for (int e = 0; e < 3; e++) assertTrue(Files.exists(dir.resolve("models/epoch_" + e + ".safetensors")), "epoch "
        + e);
    Learner again = trainingOnScores(0.1).load("epoch_1");
    assertSameState(weights.get(1), again.model().stateDict());
    assertEquals(2, again.epochsDone());
  }

  @Test
  void aResumedFitOnlySavesRealImprovements() throws IOException {
    SaveModelCallback.Builder settings = SaveModelCallback.builder().monitor("score").verbose(false);
    Learner first = trainingOnScores(0.2, 0.9);
    first.fit(2, 0.05f, settings.build(), snapshot);
    byte[] best = Files.readAllBytes(dir.resolve("models/model.safetensors"));

    SaveModelCallback resumedCb = settings.build();
    Learner resumed = trainingOnScores(0.5, 0.6);
    resumed.addCallback(resumedCb);
    resumed.load("model"); // the callback gets its saved best: 0.9 at epoch 1
    resumed.fit(4, 0.05f);
    assertEquals(OptionalInt.of(1), resumedCb.bestEpoch());
    assertEquals(0.9, resumedCb.best().orElseThrow());
    assertArrayEquals(best, Files.readAllBytes(dir.resolve("models/model.safetensors")),
        "0.5 and 0.6 are no improvement");
    assertSameState(weights.get(1), resumed.model().stateDict());
  }
}
