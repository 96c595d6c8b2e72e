package dev.jfastai.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfastai.data.UntarData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chapter13}: the sample part end to end and the mnist part shortened to one epoch per fit, on the real data
 * from untarData's cache (CI seeds it; skipped where it is not cached), and the mnist part's four runs and pictures
 * on a small synthetic folder (one batch of 512 per epoch).
 */
class Chapter13Test {
  @TempDir Path tmp;

  private static double lastAccuracy(List<String> lines, String run) {
    String line = lines.stream().filter(l -> l.startsWith(run + ": accuracy ")).findFirst().orElseThrow();
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  @Test
  void samplePartReproducesTheBooksAccuracyOnTheRealData() {
    UntarData cache = UntarData.fromEnvironment();
    assumeTrue(Files.isRegularFile(cache.archiveDir().resolve("mnist_sample.tgz"))
        || Files.isDirectory(cache.dataDir().resolve("mnist_sample")),
        "MNIST_SAMPLE is not in the cache at " + cache.home() + " (set FASTAI_HOME to a cache holding it)");

    CliRun run = CliRun.of("chapter13", "--part", "sample", "--out", tmp.toString());

    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.outLines();
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("epoch")).findFirst().orElseThrow());
    assertTrue(lines.get(header).matches("epoch\\s+train_loss\\s+valid_loss\\s+accuracy\\s+time\\s*"), run.out());
    assertTrue(lines.get(header + 1).startsWith("0 ") && lines.get(header + 2).startsWith("1 "), run.out());
    double accuracy = lastAccuracy(lines, "simple_cnn");
    assertTrue(accuracy >= 0.98, "the book prints 0.990186; got " + accuracy + "\n" + run.out());
  }

  /**
   * The mnist part shortened to one epoch per fit (the last fit too) on the real MNIST: 60,000 training images per
   * epoch, four epochs in all; the book's one-epoch accuracies are 0.9743 (one cycle) and 0.9864 (BatchNorm).
   */
  @Test
  void mnistPartShortenedOnTheRealData() {
    UntarData cache = UntarData.fromEnvironment();
    assumeTrue(Files.isRegularFile(cache.archiveDir().resolve("mnist_png.tgz"))
        || Files.isDirectory(cache.dataDir().resolve("mnist_png")),
        "mnist_png is not in the cache at " + cache.home() + " (set FASTAI_HOME to a cache holding it)");

    CliRun run = CliRun.of("chapter13", "--part", "mnist", "--epochs", "1", "--out", tmp.toString());

    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.outLines();
    assertTrue(lastAccuracy(lines, "one cycle") >= 0.95, run.out());
    assertTrue(lastAccuracy(lines, "batchnorm") >= 0.97, run.out());
    assertTrue(lastAccuracy(lines, "batchnorm 1 epochs") >= 0.97, run.out());
  }

  @Test
  void mnistPartRunsTheBooksFourFitsAndWritesItsPictures() throws Exception {
    Path data = SyntheticMnistSample.writeMnistLayout(tmp.resolve("mnist"), 260, 30, 5);
    Path out = tmp.resolve("out");

    CliRun run = CliRun.of("chapter13", "--part", "mnist", "--data", data.toString(), "--epochs", "2", "--out",
        out.toString());

    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.outLines();
    assertEquals(4, lines.stream().filter(l -> l.startsWith("epoch")).count(), "one table per fit:\n" + run.out());
    for (String result : List.of("plain fit", "one cycle", "batchnorm", "batchnorm 2 epochs")) {
      double accuracy = lastAccuracy(lines, result);
      assertTrue(accuracy >= 0 && accuracy <= 1, result + ": " + accuracy);
    }
    for (String png : List.of("1-fit-layer-stats-0.png", "1-fit-layer-stats--2.png", "2-one-cycle-layer-stats--2.png",
        "2-one-cycle-color-dim--2.png", "3-batchnorm-color-dim--2.png")) {
      BufferedImage image = ImageIO.read(out.resolve(png).toFile());
      assertTrue(image != null && image.getWidth() >= 1000, png);
    }
  }
}
