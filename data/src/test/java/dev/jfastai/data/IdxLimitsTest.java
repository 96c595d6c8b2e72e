package dev.jfastai.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX headers are checked before the values are allocated: dims that overflow or exceed the data are refused
 * naming the file and the dims, and a gzip bomb is read no further than the size its header declares.
 */
class IdxLimitsTest {
  @TempDir Path tmp;

  private static byte[] header(int... dims) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {0, 0, 0x08, (byte) dims.length});
    for (int d : dims) out.writeInt(d);
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  private static void assertRefused(Path file, String... parts) {
    IOException e = assertThrows(IOException.class, () -> IdxFile.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
  }

  @Test
  void dimsWhoseProductOverflowsAreRefused() throws IOException {
    // 65536^4 is 2^64: 0 in a long, which used to pass as an empty file.
    assertRefused(Files.write(tmp.resolve("overflow"), header(65536, 65536, 65536, 65536)),
        "[65536, 65536, 65536, 65536]");
    assertRefused(Files.write(tmp.resolve("toobig.gz"), gzip(header(65536, 32768))), "[65536, 32768]");
  }

  @Test
  void dimsLargerThanTheDataAreRefusedWithoutAllocatingThem() throws IOException {
    assertRefused(Files.write(tmp.resolve("plain"), header(100000, 1000, 20)), "[100000, 1000, 20]", "truncated");
    assertRefused(Files.write(tmp.resolve("zipped.gz"), gzip(header(100000, 1000, 20))), "truncated");
  }

  @Test
  void aGzipBombIsReadNoFurtherThanItsDeclaredSize() throws IOException {
    // 128 concatenated gzip members of 16 MiB of zeros: 2 GiB inflated from about 2 MB, after a header of 7840.
    byte[] member = gzip(new byte[16 << 20]);
    Path bomb = tmp.resolve("bomb.gz");
    try (OutputStream out = Files.newOutputStream(bomb)) {
      out.write(gzip(header(10, 28, 28)));
      for (int i = 0; i < 128; i++) out.write(member);
    }
    assertRefused(bomb, "[10, 28, 28]", "trailing bytes");
  }

  @Test
  void emptyAndShortFilesAreRefused() throws IOException {
    assertRefused(Files.write(tmp.resolve("empty"), new byte[0]), "only 0 bytes");
    assertRefused(Files.write(tmp.resolve("empty.gz"), gzip(new byte[0])), "only 0 bytes");
    Path cut = Files.write(tmp.resolve("cut.gz"), java.util.Arrays.copyOf(gzip(header(3, 28, 28)), 20));
    IOException e = assertThrows(IOException.class, () -> IdxFile.read(cut));
    assertTrue(e.getMessage().contains(cut.toString()) && !e.getMessage().endsWith(": null"), e.getMessage());
  }

  @Test
  void mnistRefusesImagesThatAreNot28x28BeforeReadingThem() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("mnist"));
    Files.write(dir.resolve("train-images-idx3-ubyte"), header(10, 1000, 1000));
    Files.write(dir.resolve("train-labels-idx1-ubyte"), header(0));
    Files.write(dir.resolve("t10k-images-idx3-ubyte"), header(0, 28, 28));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), header(0));
    IOException e = assertThrows(IOException.class, () -> Mnist.fromIdx(dir));
    assertTrue(e.getMessage().contains("train-images-idx3-ubyte") && e.getMessage().contains("[10, 1000, 1000]")
        && e.getMessage().contains("[28, 28]"), e.getMessage());
  }
}
