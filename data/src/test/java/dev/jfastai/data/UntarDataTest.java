package dev.jfastai.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UntarDataTest {
  @TempDir Path tmp;
  private Path home;
  private LoopbackServer server;

  @BeforeEach
  void start() throws IOException {
    home = tmp.resolve("fastai");
    server = new LoopbackServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private UntarData cache() {
    return UntarData.atHome(home).quiet(true);
  }

  private static byte[] sample() throws IOException {
    return new ArchiveBuilder().dir("mnist_sample").file("mnist_sample/labels.csv", "name,label\n")
        .file("mnist_sample/train/3/7.png", "three").file("mnist_sample/valid/7/0.png", "seven").tgz();
  }

  @Test
  void downloadsExtractsAndThenReusesWithoutNetwork() throws IOException {
    byte[] archive = sample();
    String url = server.serve("/files/mnist_sample.tgz", archive);
    Path folder = cache().untar(url);
    assertEquals(home.resolve("data").resolve("mnist_sample"), folder);
    assertEquals("three", Files.readString(folder.resolve("train/3/7.png")));
    assertEquals("seven", Files.readString(folder.resolve("valid/7/0.png")));
    assertArrayEquals(archive, Files.readAllBytes(home.resolve("archive/mnist_sample.tgz")));
    assertEquals(1, server.requests());
    assertEquals(List.of("mnist_sample"), names(home.resolve("data")), "no temporary folder left behind");
    assertEquals(List.of("mnist_sample.tgz"), names(home.resolve("archive")), "no temporary file left behind");

    server.close();
    assertEquals(folder, cache().untar(url), "the extracted folder is reused");
    assertEquals(folder, UntarData.untarData(url, home));
  }

  @Test
  void aPresentArchiveIsExtractedWithoutNetwork() throws IOException {
    String url = server.url("/absent/mnist_sample.tgz");
    Files.createDirectories(home.resolve("archive"));
    Files.write(home.resolve("archive/mnist_sample.tgz"), sample());
    Path folder = cache().untar(url);
    assertEquals("three", Files.readString(folder.resolve("train/3/7.png")));
    assertEquals(0, server.requests());
  }

  @Test
  void forceDownloadsAndExtractsAgain() throws IOException {
    String url = server.serve("/mnist_sample.tgz", sample());
    cache().untar(url);
    server.serve("/mnist_sample.tgz", new ArchiveBuilder().file("mnist_sample/new.txt", "new").tgz());
    Path folder = cache().force(true).untar(url);
    assertEquals(2, server.requests());
    assertEquals("new", Files.readString(folder.resolve("new.txt")));
    assertFalse(Files.exists(folder.resolve("labels.csv")), "the old folder was replaced, not merged");
  }

  @Test
  void forceWithAnUnreachableUrlKeepsTheCachedArchiveAndFolder() throws IOException {
    byte[] archive = sample();
    String url = server.serve("/mnist_sample.tgz", archive);
    Path folder = cache().untar(url);
    server.close(); // the address now refuses connections

    IOException e = assertThrows(IOException.class, () -> cache().force(true).untar(url));
    assertTrue(e.getMessage().contains("Could not download " + url), e.getMessage());
    assertEquals("three", Files.readString(folder.resolve("train/3/7.png")), "the cached folder is intact");
    assertArrayEquals(archive, Files.readAllBytes(home.resolve("archive/mnist_sample.tgz")), "and its archive");
    assertEquals(List.of("mnist_sample"), names(home.resolve("data")));
    assertEquals(List.of("mnist_sample.tgz"), names(home.resolve("archive")));
  }

  @Test
  void forceWithABrokenNewArchiveKeepsTheCachedFolder() throws IOException {
    String url = server.serve("/mnist_sample.tgz", sample());
    Path folder = cache().untar(url);
    byte[] next = new ArchiveBuilder().file("mnist_sample/a.txt", "a").file("mnist_sample/b.txt", "b").tgz();
    server.serve("/mnist_sample.tgz", Arrays.copyOf(next, next.length - 12)); // complete body, cut gzip trailer

    assertThrows(IOException.class, () -> cache().force(true).untar(url));
    assertEquals("three", Files.readString(folder.resolve("train/3/7.png")));
    assertEquals(List.of("mnist_sample"), names(home.resolve("data")), "no temporary folder left behind");
  }

  /** Bytes of a tar holding two 100-byte files; the first entry (header and padded data) ends at byte 1024. */
  private static byte[] twoEntryTar() throws IOException {
    return new ArchiveBuilder().file("top/a.txt", "a".repeat(100)).file("top/b.txt", "b".repeat(100)).tar();
  }

  @Test
  void aTarCutAtAnEntryBoundaryIsRefused() throws IOException {
    byte[] cut = Arrays.copyOf(twoEntryTar(), 1024);
    Map<String, byte[]> archives = Map.of("cut.tar", cut, "cut.tgz", ArchiveBuilder.gzip(cut));
    for (Map.Entry<String, byte[]> a : archives.entrySet()) {
      Path archive = home.resolve("archive").resolve(a.getKey());
      Files.createDirectories(archive.getParent());
      Files.write(archive, a.getValue());
      IOException e = assertThrows(IOException.class, () -> cache().extract(archive), a.getKey());
      assertTrue(e.getMessage().contains("Could not extract " + archive), e.getMessage());
      assertTrue(e.getMessage().contains("end-of-archive marker"), e.getMessage());
      assertEquals(List.of(), names(home.resolve("data")), "no data folder, no temporary folder");
    }
    Path whole = home.resolve("archive/whole.tar");
    Files.write(whole, twoEntryTar());
    assertEquals("b".repeat(100), Files.readString(cache().extract(whole).resolve("b.txt")));
  }

  @Test
  void aTruncatedTgzNamesTheArchiveNotABareEofException() throws IOException {
    byte[] tgz = ArchiveBuilder.gzip(twoEntryTar());
    Path archive = home.resolve("archive/short.tgz");
    Files.createDirectories(archive.getParent());
    Files.write(archive, Arrays.copyOf(tgz, tgz.length / 2));
    IOException e = assertThrows(IOException.class, () -> cache().extract(archive));
    assertTrue(e.getMessage().contains("Could not extract " + archive + ": the file ends early (it is truncated)"),
        e.getMessage());
    assertFalse(e.getMessage().contains("java.io.EOFException"), e.getMessage());
  }

  @Test
  void anArchiveWithSeveralTopLevelEntriesGetsItsOwnFolder() throws IOException {
    String url = server.serve("/flat.zip", new ArchiveBuilder().file("a.txt", "a").file("sub/b.txt", "b").zip());
    Path folder = cache().untar(url);
    assertEquals(home.resolve("data/flat"), folder);
    assertEquals("a", Files.readString(folder.resolve("a.txt")));
    assertEquals("b", Files.readString(folder.resolve("sub/b.txt")));
  }

  @Test
  void linksInsideTheArchiveAreKept() throws IOException {
    String url = server.serve("/linked.tgz", new ArchiveBuilder().file("top/x/data.txt", "data")
        .symlink("top/alias.txt", "x/data.txt").hardLink("top/copy.txt", "top/x/data.txt").tgz());
    Path folder = cache().untar(url);
    assertTrue(Files.isSymbolicLink(folder.resolve("alias.txt")));
    assertEquals("data", Files.readString(folder.resolve("alias.txt")));
    assertEquals("data", Files.readString(folder.resolve("copy.txt")));
  }

  @Test
  void notFoundFailsCleanlyAndExplainsOfflineUse() throws IOException {
    String url = server.url("/missing/mnist_sample.tgz");
    IOException e = assertThrows(IOException.class, () -> cache().untar(url));
    assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    assertTrue(e.getMessage().contains(url), e.getMessage());
    assertTrue(e.getMessage().contains("place it at " + home.resolve("archive/mnist_sample.tgz")), e.getMessage());
    assertNothingCached();
  }

  @Test
  void aTruncatedDownloadLeavesNoArchive() throws IOException {
    byte[] body = sample();
    String url = server.serveTruncated("/mnist_sample.tgz", body, body.length / 2);
    IOException e = assertThrows(IOException.class, () -> cache().untar(url));
    assertTrue(e.getMessage().contains("Could not download " + url), e.getMessage());
    assertNothingCached();
  }

  @Test
  void aCorruptGzipIsReportedWithTheArchiveNameAndNoDataFolder() throws IOException {
    byte[] corrupt = sample();
    for (int i = 20; i < corrupt.length - 8; i++) corrupt[i] ^= 0x5A;
    String url = server.serve("/mnist_sample.tgz", corrupt);
    IOException e = assertThrows(IOException.class, () -> cache().untar(url));
    Path archive = home.resolve("archive/mnist_sample.tgz");
    assertTrue(e.getMessage().contains("Could not extract " + archive), e.getMessage());
    assertTrue(e.getMessage().contains("delete it"), e.getMessage());
    assertEquals(List.of(), names(home.resolve("data")), "neither a data folder nor a temporary one");
  }

  @Test
  void aFileThatIsNoArchiveIsNamed() throws IOException {
    String url = server.serve("/page.tgz", "<html>captive portal</html>".getBytes(StandardCharsets.UTF_8));
    IOException e = assertThrows(IOException.class, () -> cache().untar(url));
    assertTrue(e.getMessage().contains("Unrecognised archive " + home.resolve("archive/page.tgz")), e.getMessage());
  }

  @Test
  void pathTraversalEntriesAreRefused() throws IOException {
    List<String> evils = List.of("../evil.txt", "top/../../evil.txt", "/tmp/jfastai-evil.txt");
    for (String evil : evils) {
      byte[] archive = new ArchiveBuilder().file("top/ok.txt", "ok").file(evil, "x").tgz();
      String url = server.serve("/evil" + evils.indexOf(evil) + ".tgz", archive);
      IOException e = assertThrows(IOException.class, () -> cache().untar(url));
      assertTrue(e.getMessage().contains("Refusing to extract") && e.getMessage().contains(evil), e.getMessage());
      assertNoEscape();
    }
  }

  @Test
  void pathTraversalInZipIsRefused() throws IOException {
    String url = server.serve("/evil.zip", new ArchiveBuilder().file("../evil.txt", "x").zip());
    IOException e = assertThrows(IOException.class, () -> cache().untar(url));
    assertTrue(e.getMessage().contains("'../evil.txt' contains '..'"), e.getMessage());
    assertNoEscape();
  }

  @Test
  void linksEscapingTheTargetAreRefused() throws IOException {
    Map<String, ArchiveBuilder> cases = Map.of(
        "absolute", new ArchiveBuilder().file("top/a.txt", "a").symlink("top/passwd", "/etc/passwd"),
        "relative", new ArchiveBuilder().file("top/a.txt", "a").symlink("top/up", "../../.."),
        "chained", new ArchiveBuilder().file("top/x/a.txt", "a").symlink("top/x/up", "..")
            .symlink("top/x/escape", "up/../.."),
        "zip", new ArchiveBuilder().file("top/a.txt", "a").symlink("top/up", "../../outside"),
        "hard link", new ArchiveBuilder().file("top/a.txt", "a").hardLink("top/h", "../outside.txt"));
    for (Map.Entry<String, ArchiveBuilder> c : cases.entrySet()) {
      boolean zip = c.getKey().equals("zip");
      String name = "/links-" + c.getKey().replace(' ', '-') + (zip ? ".zip" : ".tgz");
      String url = server.serve(name, zip ? c.getValue().zip() : c.getValue().tgz());
      IOException e = assertThrows(IOException.class, () -> cache().untar(url), c.getKey());
      assertTrue(e.getMessage().contains("Refusing to extract"), c.getKey() + ": " + e.getMessage());
      assertNoEscape();
    }
  }

  @Test
  void homeFollowsFastaiHomeLikeFastai() {
    Path user = Path.of("/home/someone");
    assertEquals(user.resolve(".fastai"), UntarData.homeFrom(Map.of(), user));
    assertEquals(Path.of("/data/fa"), UntarData.homeFrom(Map.of("FASTAI_HOME", "/data/fa"), user));
    assertEquals(user.resolve("cache/fa"), UntarData.homeFrom(Map.of("FASTAI_HOME", "~/cache/fa"), user));
    UntarData cache = UntarData.atHome(Path.of("/x/fa"));
    assertEquals(Path.of("/x/fa/archive/mnist_sample.tgz"), cache.archivePath(URLs.MNIST_SAMPLE));
    assertEquals(Path.of("/x/fa/data/mnist_sample"), cache.dataPath(URLs.MNIST_SAMPLE));
    assertEquals(Path.of("/x/fa/data/mnist_png"), cache.dataPath(URLs.MNIST));
    assertEquals(Path.of("/x/fa/data/ml-100k"), cache.dataPath("http://files.example.org/movielens/ml-100k.zip"));
  }

  @Test
  void urlsAreFastais() {
    assertEquals("https://s3.amazonaws.com/fast-ai-sample/mnist_sample.tgz", URLs.MNIST_SAMPLE);
    assertEquals("https://s3.amazonaws.com/fast-ai-sample/mnist_tiny.tgz", URLs.MNIST_TINY);
    assertEquals("https://s3.amazonaws.com/fast-ai-imageclas/mnist_png.tgz", URLs.MNIST);
    assertThrows(IllegalArgumentException.class, () -> cache().dataPath("https://example.invalid/"));
  }

  private void assertNothingCached() throws IOException {
    assertEquals(List.of(), names(home.resolve("archive")), "no archive and no partial file");
    assertFalse(Files.exists(home.resolve("data/mnist_sample")));
  }

  /** Nothing was written next to the cache, and neither a data folder nor a temporary folder remains. */
  private void assertNoEscape() throws IOException {
    assertEquals(List.of("fastai"), names(tmp));
    assertEquals(List.of("archive", "data"), names(home));
    assertEquals(List.of(), names(home.resolve("data")));
  }

  private static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
