package dev.jfastai.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Command-line parsing: commands, defaults, and how bad input is reported. */
class JfastaiCliTest {
  @Test
  void helpListsTheCommands() {
    CliRun run = CliRun.of("--help");
    assertEquals(0, run.exitCode());
    for (String command : new String[] {"chapter4", "mnist", "bench"}) {
      assertTrue(run.out().lines().anyMatch(l -> l.trim().startsWith(command + " ")), command + " in " + run.out());
    }
  }

  @Test
  void eachCommandHasHelp() {
    for (String command : new String[] {"chapter4", "mnist", "bench"}) {
      CliRun run = CliRun.of(command, "--help");
      assertEquals(0, run.exitCode(), command);
      assertTrue(run.out().contains("Usage: jfastai " + command), run.out());
    }
  }

  @Test
  void versionIsTheMavenProjectsVersion() throws Exception {
    // The reactor's pom.xml is the one place the version is written (the working directory is this module's).
    Matcher m = Pattern.compile("(?m)^  <version>(.+)</version>$").matcher(Files.readString(Path.of("../pom.xml")));
    assertTrue(m.find(), "the parent pom's version");
    CliRun run = CliRun.of("--version");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("jfastai " + m.group(1), run.out().strip());
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun run = CliRun.of();
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("Missing command: choose chapter4, mnist or bench"), run.err());
  }

  @Test
  void unknownCommandIsAUsageError() {
    CliRun run = CliRun.of("chapter5");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("Unmatched argument at index 0: 'chapter5'"), run.err());
  }

  @Test
  void chapter4DefaultsAreTheChapters() {
    Chapter4Command c = parse(Chapter4Command.class, "chapter4");
    assertEquals(Chapter4Command.Part.all, c.part);
    assertEquals(40, c.epochs);
    assertEquals(0.1f, c.lr);
    assertEquals(256, c.bs);
    assertEquals(42L, c.seed);
    assertEquals(false, c.quiet);
    assertNull(c.dataOptions.data);
    assertNull(c.dataOptions.archive);
    assertEquals(Path.of("chapter4-output"), c.learnerOptions.out);
    assertNull(c.learnerOptions.patience);
    assertNull(c.learnerOptions.gradNormEvery);
  }

  @Test
  void chapter4OptionsAreParsed() {
    Chapter4Command c = parse(Chapter4Command.class, "chapter4", "--part", "learner", "--epochs", "3", "--lr", "0.5",
        "--bs", "64", "--seed", "7", "--quiet", "--data", "d", "--out", "o", "--early-stopping", "2",
        "--grad-norm", "10");
    assertEquals(Chapter4Command.Part.learner, c.part);
    assertEquals(3, c.epochs);
    assertEquals(0.5f, c.lr);
    assertEquals(64, c.bs);
    assertEquals(7L, c.seed);
    assertTrue(c.quiet);
    assertEquals(Path.of("d"), c.dataOptions.data);
    assertEquals(Path.of("o"), c.learnerOptions.out);
    assertEquals(2, c.learnerOptions.patience);
    assertEquals(10, c.learnerOptions.gradNormEvery);
  }

  @Test
  void mnistAndBenchDefaults() {
    MnistCommand m = parse(MnistCommand.class, "mnist");
    assertEquals(MnistCommand.Opt.adam, m.opt);
    assertEquals(3, m.epochs);
    assertEquals(128, m.bs);
    BenchCommand b = parse(BenchCommand.class, "bench", "--data", "x");
    assertEquals(Path.of("x"), b.data);
    assertEquals(40, b.epochs);
    assertNull(b.threads);
    assertEquals(42L, b.seed);
  }

  @Test
  void unknownPartListsTheValidOnes() {
    CliRun run = CliRun.of("chapter4", "--part", "everything");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("Invalid value for option '--part': expected one of "
        + "[plain, basic, predict, table, learner, all] (case-sensitive) but was 'everything'"), run.err());
  }

  @Test
  void outOfRangeNumbersAreUsageErrors() {
    assertUsageError("--epochs must be at least 1, got 0", "chapter4", "--epochs", "0");
    assertUsageError("--bs must be at least 1, got -5", "chapter4", "--bs", "-5");
    assertUsageError("--lr must be a positive number, got 0.0", "chapter4", "--lr", "0");
    assertUsageError("--early-stopping needs a patience of at least 1 epoch, got 0",
        "chapter4", "--early-stopping", "0");
    assertUsageError("--grad-norm needs an interval of at least 1 batch, got 0", "chapter4", "--grad-norm", "0");
    assertUsageError("--hidden must be at least 1, got 0", "mnist", "--hidden", "0");
    assertUsageError("--threads must be at least 1, got 0", "bench", "--data", "x", "--threads", "0");
  }

  @Test
  void benchNeedsItsFolder() {
    CliRun run = CliRun.of("bench");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("Missing required option: '--data=DIR'"), run.err());
  }

  @Test
  void missingDataFolderIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nowhere");
    CliRun run = CliRun.of("chapter4", "--data", missing.toString());
    assertEquals(1, run.exitCode());
    assertEquals("jfastai chapter4: --data " + missing + " is not a folder", run.err().strip());
  }

  @Test
  void dataAndArchiveTogetherAreRefused(@TempDir Path dir) {
    CliRun run = CliRun.of("chapter4", "--data", dir.toString(), "--archive", dir.resolve("a.tgz").toString());
    assertEquals(1, run.exitCode());
    assertEquals("jfastai chapter4: Give either --data or --archive, not both", run.err().strip());
  }

  @Test
  void incompleteDatasetFolderIsNamed(@TempDir Path dir) throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("train/3"));
    CliRun run = CliRun.of("chapter4", "--data", dir.toString(), "--part", "plain");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains(dir.resolve("train").toString()), run.err());
  }

  private static void assertUsageError(String message, String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(2, run.exitCode(), String.join(" ", args));
    assertTrue(run.err().startsWith(message), "expected '" + message + "' but got: " + run.err());
  }

  private static <T> T parse(Class<T> type, String... args) {
    ParseResult result = JfastaiCli.commandLine().parseArgs(args);
    CommandLine sub = result.subcommand().commandSpec().commandLine();
    return type.cast(sub.getCommand());
  }
}
