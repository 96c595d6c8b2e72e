package dev.jfastai.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfastai.data.UntarData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@code chapter4} on the real MNIST_SAMPLE, found through untarData's cache like a user's run (CI seeds
 * {@code $FASTAI_HOME/archive/mnist_sample.tgz}; skipped where the archive is not cached). The accuracy trajectory
 * must look like the chapter's: about 0.5 after the first epoch, at least 0.98 after the fortieth.
 */
class Chapter4RealDataTest {
  @Test
  void reproducesTheChapter(@TempDir Path out) throws Exception {
    UntarData cache = UntarData.fromEnvironment();
    Path archive = cache.archiveDir().resolve("mnist_sample.tgz");
    assumeTrue(Files.isRegularFile(archive) || Files.isDirectory(cache.dataDir().resolve("mnist_sample")),
        "MNIST_SAMPLE is not in the cache at " + cache.home() + " (set FASTAI_HOME to a cache holding it)");

    CliRun run = CliRun.of("chapter4", "--out", out.toString());

    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.outLines();
    String heading = lines.stream().filter(l -> l.startsWith("1. train_model")).findFirst().orElseThrow();
    List<Double> accuracies = Arrays.stream(lines.get(lines.indexOf(heading) + 1).split(" "))
        .map(Double::parseDouble).toList();
    assertEquals(40, accuracies.size(), run.out());
    assertTrue(accuracies.get(0) >= 0.4 && accuracies.get(0) <= 0.95, "epoch 1: " + accuracies.get(0));
    assertTrue(accuracies.get(39) >= 0.98, "epoch 40: " + accuracies.get(39));

    String predicted = lines.get(lines.indexOf("3. BasicLearner.predict(dls.valid.dataset[1])") + 1);
    assertTrue(predicted.matches("\\(0\\.\\d+, '3'\\)|\\(1\\.0, '3'\\)"), predicted);

    String last = lines.get(lines.size() - 1);
    assertTrue(last.startsWith("learn.recorder.values[-1][2] (batch_accuracy after epoch 39): "), last);
    assertTrue(Double.parseDouble(last.substring(last.lastIndexOf(' ') + 1)) >= 0.98, last);
    assertEquals(41, Files.readAllLines(out.resolve("history.csv")).size());
    assertTrue(Files.size(out.resolve("loss.png")) > 0);
  }
}
