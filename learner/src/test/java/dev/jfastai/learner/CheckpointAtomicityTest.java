package dev.jfastai.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.Safetensors;
import dev.jfastai.nn.optim.Optimizers;
import dev.jfastai.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint is saved and loaded as one unit: a failure at any point leaves the old one, or the learner, whole. */
class CheckpointAtomicityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Learner learner() {
    return Learner.builder(TinyProblem.dls(40, 8, 8, true, 3), TinyProblem.model(5))
        .optFunc(Optimizers.sgd(o -> o.momentum(0.9).weightDecay(0.01))).lossFunc(Losses::mnistLoss).path(dir).build();
  }

  /** A learner trained for {@code epochs} and saved as "c". */
  private Learner savedAfter(int epochs) {
    Learner learn = learner();
    learn.fit(epochs, 0.1f);
    learn.save("c");
    return learn;
  }

  private static List<float[]> weights(Learner learn) {
    return learn.model().parameters().stream().map(Tensor::toFloatArray).toList();
  }

  private static void assertWeights(List<float[]> expected, Learner learn) {
    List<float[]> actual = weights(learn);
    for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.get(i), actual.get(i), "parameter " + i);
  }

  private List<String> modelFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("models"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** A learner that has not loaded anything: a failed load must leave it exactly so. */
  private static void assertUntouched(Learner fresh, List<float[]> freshWeights) {
    assertWeights(freshWeights, fresh);
    assertEquals(0, fresh.epochsDone());
    assertEquals(0, fresh.startEpoch());
    assertEquals(null, Checkpoints.optimizer(fresh), "no optimizer created by a failed load");
    assertTrue(fresh.recorder().epochs().isEmpty());
  }

  @Test
  void aSaveThatFailsMidwayLeavesThePreviousCheckpointWhole() throws IOException {
    Learner learn = savedAfter(1);
    List<float[]> first = weights(learn);
    learn.fit(3, 0.1f);
    Checkpoints.PartWriter diskFull = (part, l, file) -> {
      Checkpoints.SAFETENSORS.write(part, l, file);
      if (part == CheckpointPart.OPTIMIZER) {
        Files.write(file, new byte[] {1, 2, 3}, StandardOpenOption.TRUNCATE_EXISTING);
        throw new IOException("No space left on device");
      }
    };
    IOException e = assertThrows(IOException.class, () -> Checkpoints.save(learn, "c", diskFull));
    assertEquals("No space left on device", e.getMessage());
    assertEquals(List.of("c.json", "c.opt.safetensors", "c.safetensors"), modelFiles(), "nothing staged is left");

    Learner resumed = learner();
    resumed.load("c");
    assertWeights(first, resumed);
    assertEquals(1, resumed.epochsDone());
  }

  @Test
  void aTruncatedOptimizerFileIsRefusedBeforeTheWeightsChange() throws IOException {
    savedAfter(2);
    Path opt = dir.resolve("models/c.opt.safetensors");
    byte[] bytes = Files.readAllBytes(opt);
    Files.write(opt, Arrays.copyOf(bytes, bytes.length - 10));

    Learner fresh = learner();
    List<float[]> freshWeights = weights(fresh);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> fresh.load("c"));
    assertTrue(e.getMessage().contains("c.opt.safetensors"), e.getMessage());
    assertUntouched(fresh, freshWeights);

    Files.delete(dir.resolve("models/c.json")); // files made by hand: no manifest, the reader's checks still hold
    UncheckedIOException unchecked = assertThrows(UncheckedIOException.class, () -> fresh.load("c"));
    assertTrue(unchecked.getMessage().contains("c.opt.safetensors"), unchecked.getMessage());
    assertUntouched(fresh, freshWeights);
  }

  @Test
  void anOptimizerStateThatDoesNotFitPutsBackTheWeightsItHadLoaded() throws IOException {
    savedAfter(1);
    Files.delete(dir.resolve("models/c.json"));
    Safetensors.write(Map.of("param.0.mom", Tensor.zeros(7, 7)), Map.of(), dir.resolve("models/c.opt.safetensors"));

    Learner fresh = learner();
    List<float[]> freshWeights = weights(fresh);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fresh.load("c"));
    assertTrue(e.getMessage().contains("c.opt.safetensors"), e.getMessage());
    assertUntouched(fresh, freshWeights);
  }

  /** Saves "c" after 1 and after 3 epochs; returns a copy of the first save's weights file. */
  private Path saveTwice(Learner learn) throws IOException {
    learn.fit(1, 0.1f);
    learn.save("c");
    Path older = Files.copy(dir.resolve("models/c.safetensors"), dir.resolve("older.safetensors"));
    learn.fit(2, 0.1f);
    learn.save("c");
    return older;
  }

  @Test
  void filesOfTwoSavesAreNeverLoadedTogether() throws IOException {
    Path older = saveTwice(learner());
    Files.copy(older, dir.resolve("models/c.safetensors"), StandardCopyOption.REPLACE_EXISTING);

    Learner fresh = learner();
    List<float[]> freshWeights = weights(fresh);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> fresh.load("c"));
    assertTrue(e.getMessage().contains("c.json") && e.getMessage().contains("c.safetensors is not the file"),
        e.getMessage());
    assertUntouched(fresh, freshWeights);
  }

  @Test
  void aSaveKilledAfterItsCommitIsCompletedByTheNextLoad() throws IOException {
    Learner learn = learner();
    Path older = saveTwice(learn);
    List<float[]> latest = weights(learn);
    // As a kill between the JSON's rename and the weights' rename leaves it: new JSON, staged new weights, old file.
    String generation = JSON.readTree(dir.resolve("models/c.json").toFile()).get("generation").asText();
    Path staged = dir.resolve("models/.c.safetensors.gen-" + generation);
    Files.move(dir.resolve("models/c.safetensors"), staged);
    Files.copy(older, dir.resolve("models/c.safetensors"));

    Learner resumed = learner();
    resumed.load("c");
    assertWeights(latest, resumed);
    assertEquals(2, resumed.epochsDone());
    assertEquals(List.of("c.json", "c.opt.safetensors", "c.safetensors"), modelFiles());
  }

  private void assertMalformedJsonRefused(String field, Consumer<ObjectNode> damage) throws IOException {
    savedAfter(1);
    Path json = dir.resolve("models/c.json");
    ObjectNode root = (ObjectNode) JSON.readTree(json.toFile());
    damage.accept(root);
    JSON.writeValue(json.toFile(), root);

    Learner fresh = learner();
    List<float[]> freshWeights = weights(fresh);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> fresh.load("c"));
    assertTrue(e.getMessage().contains(json.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("'" + field + "'"), field + " named in: " + e.getMessage());
    assertUntouched(fresh, freshWeights);
  }

  @Test
  void malformedJsonIsRefusedWithTheFileAndFieldBeforeAnythingLoads() throws IOException {
    assertMalformedJsonRefused("epochsDone", n -> n.put("epochsDone", -5));
    assertMalformedJsonRefused("epochsDone", n -> n.putNull("epochsDone"));
    assertMalformedJsonRefused("epochsDone", n -> n.put("epochsDone", "two"));
    assertMalformedJsonRefused("epochsDone", n -> n.remove("epochsDone"));
    assertMalformedJsonRefused("recorder", n -> n.putNull("recorder"));
    assertMalformedJsonRefused("recorder.losses", n -> ((ObjectNode) n.get("recorder")).putArray("losses").addNull());
    assertMalformedJsonRefused("callbacks", n -> n.put("callbacks", 3));
    assertMalformedJsonRefused("files.weights.sha256",
        n -> ((ObjectNode) n.get("files").get("weights")).put("sha256", "abc"));
    assertMalformedJsonRefused("formatVersion", n -> n.put("formatVersion", 99));
  }

  @Test
  void aCheckpointOfFormatOneStillLoads() throws IOException {
    Learner learn = savedAfter(2);
    Path json = dir.resolve("models/c.json");
    ObjectNode root = (ObjectNode) JSON.readTree(json.toFile());
    root.put("formatVersion", 1).remove(List.of("generation", "files")); // as the previous release wrote it
    JSON.writeValue(json.toFile(), root);

    Learner resumed = learner();
    resumed.load("c");
    assertWeights(weights(learn), resumed);
    assertEquals(2, resumed.epochsDone());
    assertEquals(2, resumed.recorder().epochs().size());
  }

  @Test
  void jsonThatIsNotJsonIsRefusedWithTheFile() throws IOException {
    savedAfter(1);
    Files.writeString(dir.resolve("models/c.json"), "{\"formatVersion\": 2, \"epochsD");
    Learner fresh = learner();
    List<float[]> freshWeights = weights(fresh);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> fresh.load("c"));
    assertTrue(e.getMessage().contains("c.json: not valid JSON"), e.getMessage());
    assertUntouched(fresh, freshWeights);
  }
}
