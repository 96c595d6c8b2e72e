package dev.jfastai.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM extracts archives into untarData's cache in a loop, each forced over the last, and is killed
 * (SIGKILL) at random points: the cache folder is then absent or one archive's complete contents, never a part,
 * and the next untar gives a complete folder.
 */
class ExtractionKillTest {
  private static final int FILES = 300;
  private static final int ITERATIONS = 6;

  @TempDir Path tmp;

  /** Archive version v: FILES files under {@code set/}, each holding "v". */
  private static byte[] archive(int version) throws IOException {
    ArchiveBuilder b = new ArchiveBuilder();
    for (int i = 0; i < FILES; i++) b.file("set/part" + (i % 3) + "/" + i + ".txt", "v" + version + "x".repeat(900));
    return b.tgz();
  }

  /** The child: extracts {@code args[1]}'s two archives alternately, forced, into the cache at {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    UntarData cache = UntarData.atHome(Path.of(args[0])).quiet(true).force(true);
    for (int i = 0; ; i++) {
      cache.extract(Path.of(args[1]).resolve("v" + (i % 2) + "/set.tgz"));
      System.out.println("extracted " + i);
      System.out.flush();
    }
  }

  /** A complete folder holds all FILES files of a single version. */
  private static void assertComplete(Path folder) throws IOException {
    List<String> contents;
    try (Stream<Path> s = Files.walk(folder)) {
      contents = s.filter(Files::isRegularFile).map(p -> {
        try {
          return Files.readString(p).substring(0, 2);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    }
    assertEquals(FILES, contents.size(), "files in " + folder);
    assertEquals(1, contents.stream().distinct().count(), "one archive's files, not a mix: " + folder);
  }

  @Test
  void anExtractionKilledAtAnyPointNeverLeavesAPartialFolder() throws Exception {
    Path home = tmp.resolve("fastai");
    Path archives = tmp.resolve("archives");
    for (int v = 0; v < 2; v++) {
      Files.createDirectories(archives.resolve("v" + v));
      Files.write(archives.resolve("v" + v + "/set.tgz"), archive(v));
    }
    Path folder = home.resolve("data/set");
    Random random = new Random(16);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long deadline = System.nanoTime() + 12_000_000_000L; // a loaded machine runs fewer rounds, at least 3
    for (int i = 0; i < ITERATIONS && (i < 3 || System.nanoTime() < deadline); i++) {
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          ExtractionKillTest.class.getName(), home.toString(), archives.toString())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try {
        String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
        assertTrue(line != null && line.startsWith("extracted "), "the child extracted: " + line);
        Thread.sleep(random.nextInt(300));
      } finally {
        child.destroyForcibly().waitFor();
      }
      if (Files.exists(folder)) assertComplete(folder); // killed between moving the old aside and the new in: none
    }
    Path again = UntarData.atHome(home).quiet(true).extract(archives.resolve("v0/set.tgz"));
    assertComplete(again);
    try (Stream<Path> s = Files.list(home.resolve("data"))) {
      assertEquals(List.of("set"), s.map(p -> p.getFileName().toString()).toList(), "killed runs' folders cleaned");
    }
  }
}
