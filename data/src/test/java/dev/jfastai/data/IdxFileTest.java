package dev.jfastai.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
  @TempDir Path tmp;

  /** An unsigned-byte IDX file with these dims and values {@code value(i) = (i * 7) % 256}. */
  static byte[] idx(int... dims) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x0800 | dims.length);
    int count = 1;
    for (int d : dims) {
      out.writeInt(d);
      count *= d;
    }
    for (int i = 0; i < count; i++) out.writeByte((i * 7) % 256);
    return bytes.toByteArray();
  }

  static Path write(Path file, byte[] content, boolean gzip) throws IOException {
    if (!gzip) return Files.write(file, content);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
    return file;
  }

  @Test
  void readsImagesAndLabelsPlainOrGzipped() throws IOException {
    for (boolean gz : new boolean[] {false, true}) {
      IdxFile images = IdxFile.read(write(tmp.resolve("images" + gz), idx(3, 2, 5), gz));
      assertArrayEquals(new int[] {3, 2, 5}, images.dims());
      assertEquals(30, images.size());
      assertEquals((29 * 7) % 256, images.value(29));
      Tensor x = images.toTensor(1 / 255f);
      assertArrayEquals(new int[] {3, 10}, x.shape());
      assertEquals((13 * 7) / 255f, x.getFloat(1, 3));
      IdxFile labels = IdxFile.read(write(tmp.resolve("labels" + gz), idx(300), gz));
      Tensor y = labels.toTensor(1f);
      assertArrayEquals(new int[] {300}, y.shape());
      assertEquals((299 * 7) % 256, y.getFloat(299));
    }
  }

  @Test
  void refusesBadFilesNamingThemAndTheReason() throws IOException {
    byte[] good = idx(4, 3, 3);
    byte[] badMagic = good.clone();
    badMagic[0] = 0x1A;
    byte[] floats = good.clone();
    floats[2] = 0x0D;
    Object[][] cases = {
        {"magic", badMagic, "bad magic number 0x1A000803"},
        {"type", floats, "element type 0x0D is not supported"},
        {"short", Arrays.copyOf(good, good.length - 5), "36 values, but the file holds 31 (truncated)"},
        {"long", Arrays.copyOf(good, good.length + 2), "holds 38 (trailing bytes)"},
        {"header", Arrays.copyOf(good, 9), "truncated header: 3 dims need 16 bytes"},
        {"tiny", new byte[] {0, 0}, "only 2 bytes"}};
    for (Object[] c : cases) {
      Path file = write(tmp.resolve((String) c[0]), (byte[]) c[1], false);
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> IdxFile.read(file));
      assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains((String) c[2]), e.getMessage());
    }
    byte[] gz = Files.readAllBytes(write(tmp.resolve("good.gz"), good, true));
    Path cut = Files.write(tmp.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> IdxFile.read(cut));
    assertTrue(e.getMessage().startsWith("Cannot read IDX file " + cut), e.getMessage());
  }

  @Test
  void mnistFromIdxPairsImagesWithLabelsAndChecksThem() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("mnist"));
    write(dir.resolve("train-images-idx3-ubyte.gz"), idx(6, 28, 28), true);
    write(dir.resolve("train-labels-idx1-ubyte"), labels(6), false);
    write(dir.resolve("t10k-images.idx3-ubyte"), idx(2, 28, 28), false);
    write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels(2), true);
    Mnist mnist = Mnist.load(dir);
    assertArrayEquals(new int[] {6, 784}, mnist.trainX().shape());
    assertArrayEquals(new int[] {6}, mnist.trainY().shape());
    assertArrayEquals(new int[] {2, 784}, mnist.testX().shape());
    assertArrayEquals(new float[] {0, 3, 6, 9, 2, 5}, mnist.trainY().toFloatArray());
    assertEquals((784 + 5) * 7 % 256 / 255f, mnist.trainX().getFloat(1, 5));
    assertEquals(2, mnist.dataLoaders(4).train().size());

    write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels(3), true);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Mnist.fromIdx(dir));
    assertTrue(e.getMessage().contains("holds 2 images but") && e.getMessage().contains("holds 3 labels"),
        e.getMessage());
    byte[] eleven = labels(2);
    eleven[9] = 11;
    write(dir.resolve("t10k-labels-idx1-ubyte.gz"), eleven, true);
    e = assertThrows(UncheckedIOException.class, () -> Mnist.fromIdx(dir));
    assertTrue(e.getMessage().contains("label 1 is 11"), e.getMessage());
    write(dir.resolve("t10k-labels-idx1-ubyte.gz"), idx(2, 28, 28), true);
    e = assertThrows(UncheckedIOException.class, () -> Mnist.fromIdx(dir));
    assertTrue(e.getMessage().contains("expected labels (idx1) with 1 dims"), e.getMessage());
    Files.delete(dir.resolve("train-images-idx3-ubyte.gz"));
    e = assertThrows(UncheckedIOException.class, () -> Mnist.fromIdx(dir));
    assertTrue(e.getMessage().contains("No MNIST file train-images-idx3-ubyte"), e.getMessage());
  }

  /** A labels file whose label i is {@code (3 * i) % 10}. */
  private static byte[] labels(int n) throws IOException {
    byte[] b = idx(n);
    for (int i = 0; i < n; i++) b[8 + i] = (byte) ((3 * i) % 10);
    return b;
  }
}
