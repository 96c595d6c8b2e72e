package dev.jfastai.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench cnn} prints cnn_torch.py's JSON fields as its last line, after the progress table unless quiet. */
class BenchCnnCommandTest {
  /** The keys of cnn_torch.py's JSON line, in its order, after jfastai's impl and threads. */
  private static final List<String> KEYS =
      List.of("impl", "threads", "load_s", "train_s", "epoch_s", "median_epoch_s", "final_acc");

  @TempDir Path dir;

  @Test
  void lastLineIsTheReferenceJson() throws Exception {
    Path data = SyntheticMnistSample.writeMnistLayout(dir.resolve("mnist_png"), 300, 20, 7);
    CliRun run = CliRun.of("bench", "cnn", "--data", data.toString(), "--epochs", "3", "--threads", "1");
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.outLines();
    assertTrue(lines.get(0).startsWith("epoch"), run.out());
    JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertEquals(KEYS, keys);
    assertEquals(1, json.get("threads").asInt());
    assertEquals(3, json.get("epoch_s").size());
    double sum = 0;
    for (JsonNode e : json.get("epoch_s")) sum += e.asDouble();
    assertTrue(sum <= json.get("train_s").asDouble() + 0.01, "epochs within the fit: " + json);
    double[] sorted = {json.get("epoch_s").get(0).asDouble(), json.get("epoch_s").get(1).asDouble(),
        json.get("epoch_s").get(2).asDouble()};
    Arrays.sort(sorted);
    assertEquals(sorted[1], json.get("median_epoch_s").asDouble(), 1e-9);
    double accuracy = json.get("final_acc").asDouble();
    assertTrue(accuracy >= 0 && accuracy <= 1, json.toString());
  }

  @Test
  void quietPrintsOnlyTheJsonAndDataIsRequired() throws Exception {
    Path data = SyntheticMnistSample.writeMnistLayout(dir.resolve("mnist_png"), 260, 10, 8);
    CliRun run = CliRun.of("bench", "cnn", "--data", data.toString(), "--epochs", "1", "--quiet");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(1, run.outLines().size(), run.out());
    CliRun missing = CliRun.of("bench", "cnn");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("Missing required option: '--data=DIR'"), missing.err());
  }
}
