package dev.jfastai.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.CancelTrainException;
import dev.jfastai.learner.EpochRecord;
import dev.jfastai.learner.Event;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.Metrics;
import dev.jfastai.nn.Linear;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.Optimizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesLoggerTest {
  @TempDir Path dir;

  @Test
  void writesOneJsonObjectPerEpoch() throws IOException {
    JsonLinesLogger jsonl = new JsonLinesLogger();
    Learner learn = Learner.builder(TinyLearners.linearData(32, 16, 8, null), new Linear(2, 1))
        .optFunc(Optimizers.sgd()).lossFunc(Losses::mse)
        .metrics(Metrics.avg("mae", (p, y) -> p.sub(y).abs().mean().item())).callbacks(jsonl).path(dir).build();
    learn.fit(2, 0.1f);

    List<String> lines = Files.readAllLines(dir.resolve("history.jsonl"));
    assertEquals(2, lines.size());
    ObjectMapper json = new ObjectMapper();
    for (int e = 0; e < 2; e++) {
      Map<?, ?> row = json.readValue(lines.get(e), Map.class);
      EpochRecord r = learn.recorder().epochs().get(e);
      assertEquals(List.of("epoch", "train_loss", "valid_loss", "mae", "time"), List.copyOf(row.keySet()));
      assertEquals(e, row.get("epoch"));
      assertEquals(r.trainLoss(), (Double) row.get("train_loss"));
      assertEquals(r.metrics().get("mae"), (Double) row.get("mae"));
      assertEquals(r.seconds(), (Double) row.get("time"));
    }
    assertEquals(jsonl.read(), JsonLinesLogger.read(dir.resolve("history.jsonl")));
  }

  @Test
  void valuesThatWereNotComputedAreNull() {
    Callback skipTraining = Callback.on(Event.beforeTrain, l -> {
      throw new CancelTrainException();
    });
    JsonLinesLogger jsonl = new JsonLinesLogger();
    TinyLearners.regression(dir, jsonl, skipTraining).fit(1, 0.1f);
    Map<String, Object> row = jsonl.read().get(0);
    assertNull(row.get("train_loss"));
    assertEquals(Double.class, row.get("valid_loss").getClass());
  }

  @Test
  void appendContinuesTheFile() {
    JsonLinesLogger jsonl = new JsonLinesLogger(new JsonLinesSettings("log/h.jsonl", true));
    Learner learn = TinyLearners.regression(dir, jsonl);
    learn.fit(2, 0.1f);
    learn.fit(1, 0.1f);
    assertEquals(dir.resolve("log/h.jsonl"), jsonl.path());
    assertEquals(List.of(0, 1, 0), jsonl.read().stream().map(r -> r.get("epoch")).toList());
  }
}
