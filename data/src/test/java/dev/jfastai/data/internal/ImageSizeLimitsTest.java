package dev.jfastai.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.data.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile image files: the size a header declares is checked before pixel memory is allocated, against the size
 * the caller expects and a pixel limit (Pillow's MAX_IMAGE_PIXELS by default), and image data that inflates past
 * the declared size is refused. Every error names the file and the declared size.
 */
class ImageSizeLimitsTest {
  @TempDir Path tmp;

  private static void assertMentions(Exception e, String... parts) {
    for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
  }

  @Test
  void aTinyPngDeclaringAHugeImageIsRefusedBeforeAllocating() throws IOException {
    byte[] bytes = PngWriter.raw(46000, 46000, 0, new byte[0]);
    assertEquals(57, bytes.length);
    Path file = Files.write(tmp.resolve("bomb.png"), bytes);
    IOException e = assertThrows(IOException.class, () -> Images.read(file));
    assertMentions(e, file.toString(), "46000x46000", "89478485");
    e = assertThrows(IOException.class, () -> Images.readGray(file));
    assertMentions(e, file.toString(), "46000x46000");
    Path big = Files.write(tmp.resolve("big.png"), PngWriter.raw(20000, 20000, 2, new byte[0]));
    assertMentions(assertThrows(IOException.class, () -> Images.read(big)), big.toString(), "20000x20000");
  }

  @Test
  void aLoaderExpecting28x28RefusesOtherSizesBeforeDecoding() throws IOException {
    Path good = Files.write(tmp.resolve("good.png"), PngWriter.encode(28, 28, 0, new byte[784], new int[] {0}, 99));
    Path bomb = Files.write(tmp.resolve("bomb.png"), PngWriter.raw(9000, 9000, 0, new byte[0])); // under the limit
    IOException e = assertThrows(IOException.class, () -> Images.readGrayStack(List.of(good, bomb), 28, 28));
    assertMentions(e, bomb.toString(), "9000x9000", "28x28");
  }

  @Test
  void imagesLeftToImageIoAreCheckedFromTheirHeaderToo() throws IOException {
    Path palette = Files.write(tmp.resolve("palette.png"), PngWriter.raw(46000, 46000, 3, new byte[0]));
    IOException e = assertThrows(IOException.class, () -> Images.read(palette));
    assertMentions(e, palette.toString(), "46000x46000");
    e = assertThrows(IOException.class, () -> Images.readGrayStack(List.of(palette), 28, 28));
    assertMentions(e, palette.toString(), "46000x46000");
  }

  @Test
  void imageDataInflatingPastTheDeclaredSizeIsRefused() throws IOException {
    // Declares 28x28 gray (28 rows of 1 + 28 bytes) but inflates to 10 MB.
    Path file = Files.write(tmp.resolve("zbomb.png"), PngWriter.raw(28, 28, 0, PngWriter.zlib(new byte[10 << 20])));
    IOException e = assertThrows(IOException.class, () -> Images.read(file));
    assertMentions(e, file.toString(), "28x28", "inflates");
    Path exact = Files.write(tmp.resolve("exact.png"), PngWriter.raw(28, 28, 0, PngWriter.zlib(new byte[28 * 29])));
    assertEquals(784, Images.read(exact).numel());
  }

  @Test
  void thePixelLimitIsConfigurable() throws IOException {
    Path file = Files.write(tmp.resolve("img.png"), PngWriter.encode(28, 28, 0, new byte[784], new int[] {0}, 99));
    try (ImageReader strict = new ImageReader(783); ImageReader exact = new ImageReader(784)) {
      assertMentions(assertThrows(IOException.class, () -> strict.read(file)), file.toString(), "28x28", "783");
      assertEquals(784, exact.read(file).pixels().length);
    }
    assertThrows(IllegalArgumentException.class, () -> new ImageReader(0));
  }
}
