package dev.jfastai.data.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageReaderTest {
  @TempDir Path tmp;

  /** PNGs saved by PIL decode to exactly what PIL reads back, and to PIL's convert('L') in gray. */
  @Test
  void matchesPilOnItsOwnPngs() throws IOException {
    JsonNode cases;
    try (InputStream in = getClass().getResourceAsStream("/fixtures/pil_images.json")) {
      cases = new ObjectMapper().readTree(in).get("cases");
    }
    assertTrue(cases.size() >= 8);
    try (ImageReader reader = new ImageReader()) {
      for (JsonNode c : cases) {
        String name = c.get("name").asText();
        Path file = Files.write(tmp.resolve(name + ".png"), Base64.getDecoder().decode(c.get("png").asText()));
        int h = c.get("shape").get(0).asInt();
        int w = c.get("shape").get(1).asInt();
        int stored = c.get("shape").size() == 3 ? c.get("shape").get(2).asInt() : 1;
        RawImage image = reader.read(file);
        assertEquals(List.of(h, w, stored <= 2 ? 1 : 3), List.of(image.height(), image.width(), image.channels()),
            name);
        int[] expected = ints(c.get("array"));
        for (int p = 0; p < h * w; p++) {
          for (int k = 0; k < image.channels(); k++) {
            assertEquals(expected[p * stored + k], image.pixels()[p * image.channels() + k] & 0xFF,
                name + " pixel " + p);
          }
        }
        byte[] gray = new byte[h * w];
        reader.readGrayInto(file, h, w, gray, 0);
        int[] pilGray = ints(c.get("gray"));
        for (int p = 0; p < h * w; p++) assertEquals(pilGray[p], gray[p] & 0xFF, name + " gray pixel " + p);
      }
    }
  }

  static Stream<Arguments> generatedPngs() {
    List<Arguments> all = new ArrayList<>();
    int[][] sizes = {{1, 1}, {3, 5}, {28, 28}, {33, 64}};
    int[][] filters = {{0}, {1}, {2}, {3}, {4}, {0, 1, 2, 3, 4}};
    for (int colorType : new int[] {0, 2, 4, 6}) {
      for (int[] size : sizes) {
        for (int[] f : filters) all.add(Arguments.of(colorType, size[0], size[1], f));
      }
    }
    return all.stream();
  }

  /** Every filter type, colour type and several sizes, split over small IDAT chunks: same samples as ImageIO. */
  @ParameterizedTest(name = "colour type {0}, {1}x{2}, filters {3}")
  @MethodSource("generatedPngs")
  void decodesEveryFilterLikeImageIo(int colorType, int height, int width, int[] filters) throws IOException {
    int spp = switch (colorType) { case 0 -> 1; case 2 -> 3; case 4 -> 2; default -> 4; };
    byte[] samples = new byte[height * width * spp];
    new Random(31L * height + width + colorType).nextBytes(samples);
    byte[] png = PngWriter.encode(width, height, colorType, samples, filters, 37);
    Raster reference = ImageIO.read(new ByteArrayInputStream(png)).getRaster();
    try (PngDecoder decoder = new PngDecoder()) {
      assertTrue(decoder.decode(png, (w, h) -> { }));
      int channels = spp <= 2 ? 1 : 3;
      assertEquals(channels, decoder.channels());
      byte[] pixels = decoder.pixels();
      byte[] gray = new byte[height * width];
      decoder.grayTo(gray, 0);
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int p = y * width + x;
          for (int k = 0; k < channels; k++) {
            int sample = samples[p * spp + k] & 0xFF;
            assertEquals(sample, reference.getSample(x, y, k), "ImageIO disagrees with the encoder");
            assertEquals(sample, pixels[p * channels + k] & 0xFF, "pixel " + x + "," + y + " channel " + k);
          }
          int r = samples[p * spp] & 0xFF;
          int g = channels == 1 ? r : Luma.gray(r, samples[p * spp + 1] & 0xFF, samples[p * spp + 2] & 0xFF);
          assertEquals(g, gray[p] & 0xFF);
        }
      }
    }
  }

  @Test
  void pngsWrittenByImageIoDecodeToTheirSource() throws IOException {
    Random random = new Random(5);
    for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_3BYTE_BGR}) {
      for (int[] size : new int[][] {{28, 28}, {17, 40}, {2, 1}}) {
        BufferedImage source = new BufferedImage(size[1], size[0], type);
        byte[] noise = new byte[size[0] * size[1] * source.getRaster().getNumBands()];
        random.nextBytes(noise);
        source.getRaster().setDataElements(0, 0, size[1], size[0], noise);
        Path file = write(source, "png", "io-" + type + "-" + size[0] + "x" + size[1] + ".png");
        try (ImageReader reader = new ImageReader()) {
          RawImage image = reader.read(file);
          assertSamples(source, image, file.toString());
        }
      }
    }
  }

  @Test
  void otherFormatsFallBackToImageIo() throws IOException {
    Random random = new Random(9);
    BufferedImage gray16 = new BufferedImage(6, 4, BufferedImage.TYPE_USHORT_GRAY);
    BufferedImage indexed = new BufferedImage(7, 5, BufferedImage.TYPE_BYTE_INDEXED);
    BufferedImage gray = new BufferedImage(9, 8, BufferedImage.TYPE_BYTE_GRAY);
    BufferedImage rgb = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    for (BufferedImage img : List.of(gray16, indexed, gray, rgb)) {
      for (int y = 0; y < img.getHeight(); y++) {
        for (int x = 0; x < img.getWidth(); x++) img.setRGB(x, y, random.nextInt());
      }
    }
    List<Path> files = List.of(write(gray16, "png", "gray16.png"), write(indexed, "png", "indexed.png"),
        writeInterlaced(gray, "interlaced.png"), write(gray, "jpg", "gray.jpg"), write(rgb, "jpg", "rgb.jpg"),
        write(rgb, "bmp", "rgb.bmp"));
    try (ImageReader reader = new ImageReader(); PngDecoder png = new PngDecoder()) {
      for (Path file : files) {
        byte[] bytes = Files.readAllBytes(file);
        if (file.toString().endsWith(".png")) {
          assertFalse(png.decode(bytes, (w, h) -> { }), file + " is left to ImageIO");
        }
        BufferedImage decoded = ImageIO.read(file.toFile());
        RawImage image = reader.read(file);
        if (file.endsWith("gray16.png")) {
          for (int i = 0; i < image.pixels().length; i++) {
            int v = decoded.getRaster().getSample(i % 6, i / 6, 0);
            assertEquals(Math.round(v * 255.0 / 65535), image.pixels()[i] & 0xFF, "16-bit gray scaled to 8 bits");
          }
        } else {
          assertSamples(decoded, image, file.toString());
        }
      }
    }
  }

  @Test
  void errorsNameTheFileAndTheReason() throws IOException {
    BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    byte[] good = Files.readAllBytes(write(img, "png", "good.png"));
    byte[] badCrc = good.clone();
    badCrc[30] ^= 1; // inside IHDR
    Path wide = write(new BufferedImage(30, 28, BufferedImage.TYPE_BYTE_GRAY), "png", "wide.png");
    Object[][] cases = {
        {Files.write(tmp.resolve("half.png"), Arrays.copyOf(good, good.length / 2)), "truncated PNG"},
        {Files.write(tmp.resolve("crc.png"), badCrc), "CRC mismatch in chunk IHDR"},
        {Files.writeString(tmp.resolve("text.png"), "hello, not an image"), "not an image format"},
        {Files.write(tmp.resolve("sig.png"), Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 24)),
            "bad signature"},
        {tmp.resolve("missing.png"), "no such file"},
        {wide, "is 28x30 (height x width) but all images here must be 28x28"}};
    try (ImageReader reader = new ImageReader()) {
      for (Object[] c : cases) {
        Path file = (Path) c[0];
        IOException e = assertThrows(IOException.class, () -> reader.readGrayInto(file, 28, 28, new byte[784], 0));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains((String) c[1]), e.getMessage());
      }
    }
  }

  @Test
  void aParallelStackEqualsOneByOneReadsAndNamesABadFile() throws IOException {
    Random random = new Random(3);
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      byte[] samples = new byte[28 * 28 * (i % 3 == 0 ? 3 : 1)];
      random.nextBytes(samples);
      byte[] png = PngWriter.encode(28, 28, i % 3 == 0 ? 2 : 0, samples, new int[] {i % 5}, 1 << 16);
      files.add(Files.write(tmp.resolve(i + ".png"), png));
    }
    float[] stack = GrayImageStack.read(files, 28, 28);
    assertEquals(150 * 784, stack.length);
    try (ImageReader reader = new ImageReader()) {
      byte[] one = new byte[784];
      for (int i = 0; i < files.size(); i++) {
        reader.readGrayInto(files.get(i), 28, 28, one, 0);
        float[] unit = new float[784];
        for (int p = 0; p < 784; p++) unit[p] = (one[p] & 0xFF) / 255f;
        assertArrayEquals(unit, Arrays.copyOfRange(stack, i * 784, (i + 1) * 784), "image " + i);
      }
    }
    Path odd = write(new BufferedImage(28, 27, BufferedImage.TYPE_BYTE_GRAY), "png", "odd.png");
    files.set(77, odd);
    IOException e = assertThrows(IOException.class, () -> GrayImageStack.read(files, 28, 28));
    assertTrue(e.getMessage().contains(odd.toString()), e.getMessage());
  }

  private static void assertSamples(BufferedImage expected, RawImage actual, String what) {
    int w = expected.getWidth();
    int h = expected.getHeight();
    assertEquals(List.of(h, w), List.of(actual.height(), actual.width()), what);
    boolean gray = expected.getType() == BufferedImage.TYPE_BYTE_GRAY;
    assertEquals(gray ? 1 : 3, actual.channels(), what);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = (y * w + x) * actual.channels();
        if (gray) {
          assertEquals(expected.getRaster().getSample(x, y, 0), actual.pixels()[p] & 0xFF, what);
        } else {
          int argb = expected.getRGB(x, y);
          int[] rgb = {argb >>> 16 & 0xFF, argb >>> 8 & 0xFF, argb & 0xFF};
          for (int k = 0; k < 3; k++) assertEquals(rgb[k], actual.pixels()[p + k] & 0xFF, what + " at " + x + "," + y);
        }
      }
    }
  }

  private Path write(BufferedImage img, String format, String name) throws IOException {
    Path file = tmp.resolve(name);
    assertTrue(ImageIO.write(img, format, file.toFile()), "ImageIO can write " + format);
    return file;
  }

  private Path writeInterlaced(BufferedImage img, String name) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT); // Adam7 interlacing
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(img, null, null), param);
    }
    writer.dispose();
    byte[] png = bytes.toByteArray();
    assertEquals(1, png[28], "interlace flag set in IHDR");
    return Files.write(tmp.resolve(name), png);
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
    return out;
  }
}
