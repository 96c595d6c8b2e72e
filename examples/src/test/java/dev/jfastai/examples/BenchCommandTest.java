package dev.jfastai.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench} prints the PyTorch reference's JSON fields, and trains exactly what {@code chapter4 --part plain}
 * trains.
 */
class BenchCommandTest {
  /** The keys of seed_loop_torch.py's JSON line, in its order. */
  private static final List<String> REFERENCE_KEYS =
      List.of("impl", "threads", "fast", "load_s", "train_s", "median_epoch_ms", "first_acc", "final_acc");
  /** jfastai's own fields after them. */
  private static final List<String> EXTRA_KEYS = List.of("first_epoch_ms", "alloc_per_step_bytes");

  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void writeData() throws Exception {
    data = SyntheticMnistSample.write(dir.resolve("mnist_sample"), 30, 10, 3);
  }

  @Test
  void lastLineIsTheReferenceJson() throws Exception {
    CliRun run = CliRun.of("bench", "--data", data.toString(), "--epochs", "3");
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.outLines();
    assertEquals(4, lines.size(), run.out());
    JsonNode json = new ObjectMapper().readTree(lines.get(3));
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertEquals(REFERENCE_KEYS, keys.subList(0, REFERENCE_KEYS.size()));
    assertEquals(EXTRA_KEYS, keys.subList(REFERENCE_KEYS.size(), keys.size()));
    assertTrue(json.get("impl").asText().startsWith("jfastai-"), json.toString());
    assertTrue(json.get("threads").asInt() >= 1);
    assertTrue(json.get("fast").asBoolean());
    for (String key : List.of("load_s", "train_s", "median_epoch_ms")) {
      assertTrue(json.get(key).isNumber() && json.get(key).asDouble() >= 0, key + " in " + json);
    }
    // Python's print(epoch, acc) lines, then the accuracies of the first and last one in the JSON.
    assertEquals("0 " + json.get("first_acc").asText(), lines.get(0));
    assertEquals("2 " + json.get("final_acc").asText(), lines.get(2));
  }

  @Test
  void epochMsAddsEachEpochsTimeThatSumToTrainSeconds() throws Exception {
    CliRun run = CliRun.of("bench", "--data", data.toString(), "--epochs", "3", "--epoch-ms");
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.outLines();
    assertEquals(4, lines.size(), run.out());
    double sumMs = 0;
    for (int epoch = 0; epoch < 3; epoch++) {
      String[] fields = lines.get(epoch).split(" ");
      assertEquals(3, fields.length, lines.get(epoch));
      assertEquals(String.valueOf(epoch), fields[0]);
      double ms = Double.parseDouble(fields[2]);
      assertTrue(ms >= 0, lines.get(epoch));
      sumMs += ms;
    }
    double trainSeconds = new ObjectMapper().readTree(lines.get(3)).get("train_s").asDouble();
    assertEquals(trainSeconds, sumMs / 1000, 0.002, run.out()); // both rounded: 0.01 ms per epoch, 1 ms in all
  }

  @Test
  void firstEpochAndAllocationPerStepArePlausible() throws Exception {
    // 30 training images, batch 256: one step an epoch; epochs 2 and 3 are measured.
    CliRun run = CliRun.of("bench", "--data", data.toString(), "--epochs", "4", "--epoch-ms");
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.outLines();
    JsonNode json = new ObjectMapper().readTree(lines.get(4));
    assertEquals(Double.parseDouble(lines.get(0).split(" ")[2]), json.get("first_epoch_ms").asDouble(), 0.011);
    long alloc = json.get("alloc_per_step_bytes").asLong();
    // A step builds a graph of tensor objects, so it allocates something. Four epochs run the kernels in the
    // interpreter, where each Vector API vector is a boxed object: ~20 MB a step here, a few KB once C2 compiled.
    assertTrue(json.get("alloc_per_step_bytes").isIntegralNumber(), json.toString());
    assertTrue(alloc > 0 && alloc < 256L << 20, "alloc_per_step_bytes " + alloc);
  }

  @Test
  void runsOnTheThreadsAskedFor() throws Exception {
    CliRun run = CliRun.of("bench", "--data", data.toString(), "--epochs", "1", "--threads", "1", "--quiet");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(1, new ObjectMapper().readTree(run.outLines().get(0)).get("threads").asInt());
  }

  @Test
  void trainsWhatTheChaptersPlainLoopTrains() throws Exception {
    CliRun bench = CliRun.of("bench", "--data", data.toString(), "--epochs", "3", "--seed", "5", "--quiet");
    CliRun chapter = CliRun.of("chapter4", "--data", data.toString(), "--epochs", "3", "--seed", "5", "--part", "plain",
        "--quiet");
    assertEquals(0, bench.exitCode(), bench.err());
    assertEquals(0, chapter.exitCode(), chapter.err());
    assertEquals(1, bench.outLines().size(), bench.out());
    JsonNode json = new ObjectMapper().readTree(bench.outLines().get(0));
    String[] accuracies = chapter.outLines().get(0).split(" ");
    assertEquals(accuracies[0], json.get("first_acc").asText());
    assertEquals(accuracies[2], json.get("final_acc").asText());
  }
}
