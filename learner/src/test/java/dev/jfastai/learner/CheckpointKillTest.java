package dev.jfastai.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.Optimizers;
import dev.jfastai.tensor.Tensor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM saves checkpoints in a loop and is killed (SIGKILL) at random points: the checkpoint on disk must
 * always load, and be one save's files, never a mix. Save k sets every weight, every optimizer buffer and
 * {@code epochsDone} to k, so a mix shows as unequal values.
 */
class CheckpointKillTest {
  private static final int ITERATIONS = 6;

  @TempDir Path dir;

  static Learner learner(Path path) {
    return Learner.builder(TinyProblem.dls(40, 8, 8, false, 3), TinyProblem.model(5))
        .optFunc(Optimizers.sgd(o -> o.momentum(0.9))).lossFunc(Losses::mnistLoss).path(path).build();
  }

  /** Makes every weight and optimizer buffer k, and k epochs done. */
  static void setGeneration(Learner learn, int k) {
    Map<String, Tensor> weights = learn.model().stateDict();
    weights.replaceAll((name, t) -> Tensor.full(k, t.shape()));
    learn.model().loadStateDict(weights);
    Map<String, Tensor> opt = learn.opt().stateDict();
    opt.replaceAll((name, t) -> name.startsWith("param.") ? Tensor.full(k, t.shape()) : t);
    learn.opt().loadStateDict(opt);
    learn.setEpochsDone(k);
  }

  /** The child: saves generations first, first + 1, ... into {@code args[0]} until it is killed. */
  public static void main(String[] args) {
    Learner learn = learner(Path.of(args[0]));
    learn.fit(1, 0.1f); // creates the optimizer and its buffers
    for (int k = Integer.parseInt(args[1]); ; k++) {
      setGeneration(learn, k);
      learn.save("c");
      System.out.println("saved " + k);
      System.out.flush();
    }
  }

  /** Loads the checkpoint and returns its generation, after checking every value belongs to that generation. */
  private int loadAndCheck() {
    Learner learn = learner(dir);
    learn.load("c");
    int k = learn.epochsDone();
    for (Tensor p : learn.model().parameters()) {
      for (float v : p.toFloatArray()) assertEquals(k, v, 0f, "a weight from another save than epochsDone " + k);
    }
    learn.opt().stateDict().forEach((name, t) -> {
      if (!name.startsWith("param.")) return;
      for (float v : t.toFloatArray()) assertEquals(k, v, 0f, name + " from another save than epochsDone " + k);
    });
    return k;
  }

  @Test
  void aSaveKilledAtAnyPointLeavesTheLastCompleteCheckpointLoadable() throws Exception {
    Learner first = learner(dir);
    first.fit(1, 0.1f);
    setGeneration(first, 1);
    first.save("c");
    int last = 1;
    Random random = new Random(16);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long deadline = System.nanoTime() + 12_000_000_000L; // a loaded machine runs fewer rounds, at least 3
    for (int i = 0; i < ITERATIONS && (i < 3 || System.nanoTime() < deadline); i++) {
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          CheckpointKillTest.class.getName(), dir.toString(), Integer.toString(last + 1))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      int saved;
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8));
        String line = out.readLine(); // the first save is done: from now on any point may be a save's middle
        assertTrue(line != null && line.startsWith("saved "), "the child saved: " + line);
        saved = Integer.parseInt(line.substring(6));
        Thread.sleep(random.nextInt(150));
      } finally {
        child.destroyForcibly().waitFor();
      }
      int loaded = loadAndCheck();
      assertTrue(loaded >= saved, "loaded save " + loaded + ", but save " + saved + " had completed");
      last = loaded;
    }
    Learner after = learner(dir);
    after.load("c");
    after.save("c"); // the next save cleans what killed saves left
    try (Stream<Path> s = Files.list(dir.resolve("models"))) {
      assertEquals(List.of("c.json", "c.opt.safetensors", "c.safetensors"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
