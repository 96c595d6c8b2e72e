package dev.jfastai.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.data.ArchiveBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An extraction is published whole and only when the folder holds what the dataset's loader needs. */
class ArchiveExtractorTest {
  private static final Optional<DatasetContents> SAMPLE =
      Optional.of(new DatasetContents(List.of("labels.csv"), Map.of("train/3", 2, "valid/3", 1)));

  @TempDir Path dir;

  private Path archive(ArchiveBuilder b) throws IOException {
    return Files.write(dir.resolve("sample.tgz"), b.tgz());
  }

  private static ArchiveBuilder complete() {
    return new ArchiveBuilder().file("s/labels.csv", "name,label\n").file("s/train/3/1.png", "a")
        .file("s/train/3/2.png", "b").file("s/valid/3/3.png", "c");
  }

  private List<String> names(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aFolderWithoutWhatTheLoaderNeedsIsNeverPublished() throws IOException {
    Path dest = dir.resolve("data/sample");
    Path archive = archive(new ArchiveBuilder().file("s/train/3/1.png", "a").file("s/valid/3/3.png", "c"));
    IOException e = assertThrows(IOException.class, () -> ArchiveExtractor.extract(archive, dest, SAMPLE, false));
    assertTrue(e.getMessage().contains("Could not extract " + archive), e.getMessage());
    assertTrue(e.getMessage().contains("labels.csv is missing, train/3/ has 1 files, expected 2"), e.getMessage());
    assertEquals(List.of(), names(dir.resolve("data")), "no data folder, no temporary folder");
  }

  @Test
  void aCompleteArchiveReplacesAnIncompleteFolder() throws IOException {
    Path dest = Files.createDirectories(dir.resolve("data/sample/train/3"));
    Files.writeString(dest.resolve("1.png"), "old");
    assertEquals(Optional.of("labels.csv is missing, train/3/ has 1 files, expected 2, valid/3/ is missing"),
        SAMPLE.get().problems(dir.resolve("data/sample")));

    ArchiveExtractor.extract(archive(complete()), dir.resolve("data/sample"), SAMPLE, true);
    assertEquals(Optional.empty(), SAMPLE.get().problems(dir.resolve("data/sample")));
    assertEquals("a", Files.readString(dir.resolve("data/sample/train/3/1.png")));
    assertEquals(List.of("sample"), names(dir.resolve("data")), "the old folder is gone, no temporary left");
  }

  @Test
  void withoutReplaceAFolderAnotherRunPublishedFirstIsKept() throws IOException {
    Path dest = Files.createDirectories(dir.resolve("data/sample"));
    Files.writeString(dest.resolve("winner.txt"), "first");
    ArchiveExtractor.extract(archive(complete()), dest, Optional.empty(), false);
    assertEquals("first", Files.readString(dest.resolve("winner.txt")));
    assertEquals(List.of("sample"), names(dir.resolve("data")));
  }

  @Test
  void fastaisMnistSampleIsKnown() {
    DatasetContents sample = DatasetContents.known("https://s3.amazonaws.com/fast-ai-sample/mnist_sample.tgz")
        .orElseThrow();
    assertEquals(List.of("labels.csv"), sample.files());
    assertEquals(2038, sample.folders().get("valid/3") + sample.folders().get("valid/7"));
    assertFalse(DatasetContents.known("https://example.org/x.tgz").isPresent());
  }
}
