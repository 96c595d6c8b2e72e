package dev.jfastai.spark.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jfastai.spark.Sample;
import dev.jfastai.spark.SparkTestData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner decodes the PNGs on the executors, labels them by folder, and ends with its JSON line. */
class SparkChapter4Test {
  /** A folder laid out like MNIST_SAMPLE: threes bright on the left, sevens bright on the right. */
  private static Path tinySample(Path dir) throws Exception {
    for (String split : List.of("train", "valid")) {
      for (String label : List.of("3", "7")) {
        Path folder = Files.createDirectories(dir.resolve(split).resolve(label));
        for (int i = 0; i < 6; i++) {
          BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
          for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 14; x++) image.getRaster().setSample(label.equals("3") ? x : x + 14, y, 0, 200 + i);
          }
          ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
        }
      }
    }
    return dir;
  }

  @Test
  void trainsOnPngsDecodedByTheExecutorsAndPrintsTheTableAndJson(@TempDir Path dir) throws Exception {
    Path folder = tinySample(dir);
    JavaSparkContext spark = SparkTestData.spark();
    List<Sample> samples = SparkChapter4.images(spark, folder.resolve("train"), 2).collect();
    assertEquals(12, samples.size());
    for (Sample s : samples) {
      boolean leftBright = s.features()[0] > 0.5f;
      assertEquals(leftBright ? 1f : 0f, s.target(), "a three is 1 and a seven 0");
      assertEquals(28 * 28, s.features().length);
    }

    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      SparkChapter4.run(spark, folder, SparkChapter4.Options.parse(
          new String[] {"spark-chapter4", "--epochs", "2", "--bs", "3", "--sync-every", "2", "--lr", "1"}));
    } finally {
      System.setOut(stdout);
    }
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertTrue(lines[0].startsWith("epoch") && lines[0].contains("batch_accuracy"), lines[0]);
    JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
    for (String field : List.of("train_s", "median_epoch_ms", "rounds", "round_overhead_ms", "final_acc")) {
      assertTrue(json.has(field), field + " in " + lines[lines.length - 1]);
    }
    assertEquals(2 * 1, json.get("rounds").asInt(), "6 rows a partition, batches of 3, 2 a round: 1 round an epoch");
    assertEquals(1.0, json.get("final_acc").asDouble(), "the two classes are trivially separable");
  }

  @Test
  void unknownOptionsAreRejectedWithTheUsage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkChapter4.Options.parse(new String[] {"--sync", "8"}));
    assertTrue(e.getMessage().contains("unknown option --sync") && e.getMessage().contains("usage"), e.getMessage());
  }
}
