package dev.jfastai.data.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.data.LoopbackServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
  @TempDir Path tmp;

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(7).nextBytes(b);
    return b;
  }

  @Test
  void aMatchingCheckPassesAndTheProgressBarReachesTheEnd() throws IOException {
    byte[] body = randomBytes(1_500_000); // more than the 1 MiB the MD5 covers
    Path source = Files.write(tmp.resolve("source.bin"), body);
    ArchiveCheck check = ArchiveCheck.of(source);
    assertEquals(body.length, check.size());
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    try (LoopbackServer server = new LoopbackServer()) {
      String url = server.serve("/data/file.tgz", body);
      Path dest = tmp.resolve("archive/file.tgz");
      new Downloader(Downloader.defaultClient(), new PrintStream(progress, true, StandardCharsets.UTF_8))
          .download(url, dest, check);
      assertArrayEquals(body, Files.readAllBytes(dest));
    }
    String bar = progress.toString(StandardCharsets.UTF_8);
    assertTrue(bar.startsWith("\rfile.tgz |") && bar.contains("100%  1.5/1.5 MB"), bar);
  }

  @Test
  void aFailedCheckLeavesNothingBehind() throws IOException {
    byte[] body = randomBytes(1000);
    try (LoopbackServer server = new LoopbackServer()) {
      String url = server.serve("/file.tgz", body);
      Path dest = tmp.resolve("archive/file.tgz");
      ArchiveCheck wrong = new ArchiveCheck(1000, "0123456789abcdef0123456789abcdef");
      IOException e = assertThrows(IOException.class,
          () -> new Downloader(Downloader.defaultClient(), null).download(url, dest, wrong));
      assertTrue(e.getMessage().contains("fails fastai's check"), e.getMessage());
      try (Stream<Path> left = Files.list(dest.getParent())) {
        assertEquals(0, left.count());
      }
    }
  }

  @Test
  void aTruncatedBodySaysHowMuchArrived() throws IOException {
    byte[] body = randomBytes(10_000);
    try (LoopbackServer server = new LoopbackServer()) {
      String url = server.serveTruncated("/file.tgz", body, 4000);
      IOException e = assertThrows(IOException.class,
          () -> new Downloader(Downloader.defaultClient(), null).download(url, tmp.resolve("f.tgz"), null));
      assertTrue(e.getMessage().contains("of 10000 bytes"), e.getMessage());
    }
  }

  @Test
  void progressLineShowsBytesPercentAndSpeed() {
    ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        "mnist_sample.tgz", 3_000_000);
    assertEquals("mnist_sample.tgz |###############               |  50%  1.5/3.0 MB  3.0 MB/s",
        bar.line(1_500_000, 500_000_000L));
    ProgressBar unknown = new ProgressBar(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), "x.zip", -1);
    assertEquals("x.zip  2.0 MB  1.0 MB/s", unknown.line(2_000_000, 2_000_000_000L));
  }
}
