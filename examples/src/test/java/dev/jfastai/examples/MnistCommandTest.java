package dev.jfastai.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mnist} end to end on small gzipped IDX files written here: ten classes, each a bright block of its own. */
class MnistCommandTest {
  @TempDir static Path dir;

  @BeforeAll
  static void writeIdxFiles() throws IOException {
    Random random = new Random(4);
    writeSplit("train", 500, random);
    writeSplit("t10k", 100, random);
  }

  @Test
  void trainsWithTheProgressTableAndReportsTestAccuracy() {
    for (String opt : new String[] {"adam", "sgd"}) {
      CliRun run = CliRun.of("mnist", "--data", dir.toString(), "--epochs", "3", "--bs", "32", "--hidden", "32",
          "--opt", opt);
      assertEquals(0, run.exitCode(), run.err());
      List<String> lines = run.outLines();
      assertEquals("MNIST at " + dir + ": 500 training and 100 test images", lines.get(0));
      int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("epoch ")).findFirst().orElseThrow());
      assertEquals(List.of("epoch", "train_loss", "valid_loss", "accuracy", "time"),
          List.of(lines.get(header).trim().split("\\s+")));
      for (int epoch = 0; epoch < 3; epoch++) assertTrue(lines.get(header + 1 + epoch).startsWith(epoch + " "));
      String last = lines.get(lines.size() - 1);
      assertTrue(last.startsWith("test accuracy: "), last);
      assertTrue(Double.parseDouble(last.substring("test accuracy: ".length())) >= 0.9, opt + ": " + run.out());
    }
  }

  @Test
  void missingFilesAreNamed(@TempDir Path empty) {
    CliRun run = CliRun.of("mnist", "--data", empty.toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("train-images-idx3-ubyte") && run.err().contains(empty.toString()), run.err());
  }

  /** {@code <prefix>-images-idx3-ubyte.gz} and {@code <prefix>-labels-idx1-ubyte.gz} with {@code n} items. */
  private static void writeSplit(String prefix, int n, Random random) throws IOException {
    byte[] labels = new byte[n];
    byte[] images = new byte[n * 28 * 28];
    for (int i = 0; i < n; i++) {
      int digit = random.nextInt(10);
      labels[i] = (byte) digit;
      int top = 2 + (digit / 5) * 12 + random.nextInt(3);
      int left = 1 + (digit % 5) * 5 + random.nextInt(2);
      for (int r = top; r < top + 8; r++) {
        for (int c = left; c < left + 4; c++) images[i * 784 + r * 28 + c] = (byte) (150 + random.nextInt(100));
      }
    }
    write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), 0x803, new int[] {n, 28, 28}, images);
    write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), 0x801, new int[] {n}, labels);
  }

  private static void write(Path file, int magic, int[] dims, byte[] data) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(magic);
      for (int d : dims) out.writeInt(d);
      out.write(data);
    }
  }
}
