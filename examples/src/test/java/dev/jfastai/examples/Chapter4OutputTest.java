package dev.jfastai.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chapter4}'s printed output for a 2-epoch run with a fixed seed on a small synthetic MNIST_SAMPLE, against
 * golden text (temporary paths and epoch times masked), and the agreement between the chapter's steps: each starts
 * from the same weights and batches, so each reports the same accuracies.
 *
 * <p>After an intended change of the output, rewrite the golden file with
 * {@code mvn -pl examples verify -Dtest=Chapter4OutputTest -Djfastai.updateGolden=true} and review the diff.
 */
class Chapter4OutputTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/chapter4-2-epochs.txt");
  private static final Pattern TIME = Pattern.compile("\\b\\d\\d:\\d\\d\\b");

  @TempDir static Path dir;
  static Path data;
  static Path out;
  static CliRun run;

  @BeforeAll
  static void runChapter() throws IOException {
    data = SyntheticMnistSample.write(dir.resolve("mnist_sample"), 40, 12, 1);
    out = dir.resolve("out");
    run = CliRun.of("chapter4", "--data", data.toString(), "--epochs", "2", "--bs", "16", "--seed", "1",
        "--out", out.toString());
  }

  @Test
  void printsTheGoldenText() throws IOException {
    assertEquals(0, run.exitCode(), run.err());
    String actual = TIME.matcher(run.out().replace(dir.toString(), "<tmp>")).replaceAll("mm:ss");
    if (Boolean.getBoolean("jfastai.updateGolden")) Files.writeString(GOLDEN, actual);
    assertEquals(Files.readString(GOLDEN), actual);
  }

  @Test
  void everyStepReportsTheSameAccuracies() {
    List<String> lines = run.outLines();
    List<String> plain = Arrays.asList(lines.get(lines.indexOf(heading(lines, "1. ")) + 1).split(" "));
    assertEquals(2, plain.size(), lines.toString());
    assertEquals(plain, column(lines, "Epoch  batch_accuracy", 1));
    assertEquals(plain, column(lines, "Epoch  Train Loss  batch_accuracy", 2));
    List<String> learner = column(lines, "epoch     train_loss", 3);
    for (int i = 0; i < 2; i++) {
      assertEquals(Double.parseDouble(plain.get(i)), Double.parseDouble(learner.get(i)), 5e-5, "epoch " + i);
    }
  }

  @Test
  void learnerStepWritesHistoryAndPlot() throws IOException {
    List<String> csv = Files.readAllLines(out.resolve("history.csv"));
    assertEquals("epoch,train_loss,valid_loss,batch_accuracy,time", csv.get(0));
    assertEquals(3, csv.size());
    assertTrue(csv.get(1).startsWith("0,") && csv.get(2).startsWith("1,"), csv.toString());
    assertEquals(800, ImageIO.read(out.resolve("loss.png").toFile()).getWidth());
  }

  @Test
  void quietPrintsOnlyResults() {
    CliRun quiet = CliRun.of("chapter4", "--data", data.toString(), "--epochs", "2", "--bs", "16", "--seed", "1",
        "--part", "predict", "--quiet");
    assertEquals(0, quiet.exitCode(), quiet.err());
    List<String> lines = quiet.outLines();
    assertEquals(1, lines.size(), quiet.out());
    Matcher m = Pattern.compile("\\((0\\.\\d+|1\\.0), '(3|7)'\\)").matcher(lines.get(0));
    assertTrue(m.matches(), lines.get(0));
    assertTrue(Double.parseDouble(m.group(1)) >= 0.5, "the probability of the predicted label: " + lines.get(0));
  }

  @Test
  void sameSeedSameNumbers() {
    String[] args =
        {"chapter4", "--data", data.toString(), "--epochs", "2", "--bs", "16", "--part", "plain", "--quiet"};
    CliRun first = CliRun.of(concat(args, "--seed", "9"));
    CliRun second = CliRun.of(concat(args, "--seed", "9"));
    CliRun other = CliRun.of(concat(args, "--seed", "10"));
    assertEquals(first.out(), second.out());
    assertTrue(!first.out().equals(other.out()) || first.out().contains("1.0"), "different seeds, same numbers");
  }

  private static String heading(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(
        "no heading " + prefix + " in " + lines));
  }

  /** Column {@code index} of the two rows after the header line that starts with {@code header}. */
  private static List<String> column(List<String> lines, String header, int index) {
    int at = lines.indexOf(heading(lines, header));
    List<String> values = new ArrayList<>();
    for (int i = 1; i <= 2; i++) values.add(lines.get(at + i).trim().split("\\s+")[index]);
    return values;
  }

  private static String[] concat(String[] args, String... more) {
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
