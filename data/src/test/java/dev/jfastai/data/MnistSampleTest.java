package dev.jfastai.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistSampleTest {
  @TempDir Path tmp;

  /** A 28x28 gray PNG whose pixel (y, x) is {@code (seed + y * 28 + x) % 256}. */
  static Path png(Path file, int seed, int height, int width) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) img.getRaster().setSample(x, y, 0, (seed + y * 28 + x) % 256);
    }
    ImageIO.write(img, "png", file.toFile());
    return file;
  }

  /** A small mnist_sample folder: the given file names per folder, each image seeded by its position. */
  private Path sampleFolder(boolean withCsv) throws IOException {
    Path root = tmp.resolve("mnist_sample");
    String[][] layout = {{"train/3", "7.png", "10.png", "100.png"}, {"train/7", "0.png", "15.png"},
        {"valid/3", "18.png"}, {"valid/7", "0.png", "17.png"}};
    StringBuilder csv = new StringBuilder("name,label\n");
    int seed = 0;
    for (String[] folder : layout) {
      for (int i = 1; i < folder.length; i++) {
        png(root.resolve(folder[0]).resolve(folder[i]), 40 * seed++, 28, 28);
        csv.append(folder[0]).append('/').append(folder[i]).append(',').append(folder[0].endsWith("3") ? 0 : 1)
            .append('\n');
      }
    }
    Files.writeString(root.resolve("train/3/notes.txt"), "not an image: ignored");
    if (withCsv) Files.writeString(root.resolve("labels.csv"), csv);
    return root;
  }

  @Test
  void buildsTheChaptersTensorsWithSortedFiles() throws IOException {
    Path root = sampleFolder(true);
    MnistSample sample = MnistSample.load(root);
    List<String> trainNames = new ArrayList<>();
    for (Path p : sample.trainFiles()) trainNames.add(root.relativize(p).toString());
    assertEquals(List.of("train/3/10.png", "train/3/100.png", "train/3/7.png", "train/7/0.png", "train/7/15.png"),
        trainNames, "sorted by name within each folder, like ls().sorted()");
    assertArrayEquals(new int[] {5, 784}, sample.trainX().shape());
    assertArrayEquals(new int[] {3, 784}, sample.validX().shape());
    assertArrayEquals(new float[] {1, 1, 1, 0, 0}, sample.trainY().toFloatArray());
    assertArrayEquals(new int[] {5, 1}, sample.trainY().shape());
    assertArrayEquals(new float[] {1, 0, 0}, sample.validY().toFloatArray());
    // 10.png was the second file written (seed 40): pixel (2, 3) is (40 + 2 * 28 + 3) / 255
    assertEquals((40 + 2 * 28 + 3) / 255f, sample.trainX().getFloat(0, 2 * 28 + 3));
    // valid/7/17.png was the last (seed 40 * 7)
    assertEquals((280 + 5) % 256 / 255f, sample.validX().getFloat(2, 5));

    DataLoaders dls = sample.dataLoaders(2);
    assertEquals(3, dls.train().size());
    assertEquals(2, dls.valid().size());
    Batch item = dls.valid().dataset().get(1);
    assertArrayEquals(new int[] {784}, item.x().shape());
    assertEquals(0f, item.y().item());
  }

  @Test
  void labelsCsvIsReadAndMustAgreeWithTheFolders() throws IOException {
    Path root = sampleFolder(true);
    Map<String, Integer> labels = MnistSample.readLabels(root.resolve("labels.csv"));
    assertEquals(8, labels.size());
    assertEquals(0, labels.get("train/3/7.png"));
    assertEquals(1, labels.get("valid/7/17.png"));
    assertEquals("train/3/7.png", labels.keySet().iterator().next(), "file order kept");

    MnistSample sample = MnistSample.load(root);
    sample.checkLabels();
    String good = Files.readString(root.resolve("labels.csv"));
    Files.writeString(root.resolve("labels.csv"), good.replace("train/3/100.png,0", "train/3/100.png,1"));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, sample::checkLabels);
    assertTrue(e.getMessage().contains("gives train/3/100.png the label 1"), e.getMessage());
    Files.writeString(root.resolve("labels.csv"), good.replace("valid/7/17.png,1\n", ""));
    e = assertThrows(UncheckedIOException.class, sample::checkLabels);
    assertTrue(e.getMessage().contains("gives valid/7/17.png the label null"), e.getMessage());
    Files.writeString(root.resolve("labels.csv"), "name,label\ntrain/3/7.png,three\n");
    e = assertThrows(UncheckedIOException.class, () -> MnistSample.readLabels(root.resolve("labels.csv")));
    assertTrue(e.getMessage().contains("label 'three' of record 1 is not a number"), e.getMessage());
  }

  @Test
  void worksWithoutLabelsCsvAndNamesAMisSizedImage() throws IOException {
    Path root = sampleFolder(false);
    assertEquals(5, MnistSample.load(root).trainDataset().size());
    UncheckedIOException noCsv = assertThrows(UncheckedIOException.class, () -> MnistSample.load(root).checkLabels());
    assertTrue(noCsv.getMessage().contains("No labels.csv in " + root), noCsv.getMessage());
    Path odd = png(root.resolve("valid/7/99.png"), 0, 28, 27);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> MnistSample.load(root));
    assertTrue(e.getMessage().contains(odd.toString()) && e.getMessage().contains("28x27"), e.getMessage());
    UncheckedIOException missing =
        assertThrows(UncheckedIOException.class, () -> MnistSample.load(tmp.resolve("nowhere")));
    assertTrue(missing.getMessage().contains("No image folder at " + tmp.resolve("nowhere/train/3")),
        missing.getMessage());
  }

  @Test
  void mnistReadsFastaisPngLayout() throws IOException {
    Path root = tmp.resolve("mnist_png");
    for (String split : List.of("training", "testing")) {
      for (int digit = 0; digit < 10; digit++) {
        for (int k = 0; k < (split.equals("training") ? 2 : 1); k++) {
          png(root.resolve(split).resolve(Integer.toString(digit)).resolve((100 - k) + ".png"), digit * 10 + k, 28, 28);
        }
      }
    }
    Mnist mnist = Mnist.load(root);
    assertArrayEquals(new int[] {20, 784}, mnist.trainX().shape());
    assertArrayEquals(new int[] {10, 784}, mnist.testX().shape());
    assertArrayEquals(new float[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9},
        mnist.trainY().toFloatArray());
    // training/4: 100.png (seed 40) and 99.png (seed 41), sorted by name: "100.png" < "99.png"
    assertEquals(40 / 255f, mnist.trainX().getFloat(8, 0));
    assertEquals(41 / 255f, mnist.trainX().getFloat(9, 0));
  }

  @Test
  void imagesReadsGrayAndColourAsTensors() throws IOException {
    Path gray = png(tmp.resolve("g.png"), 3, 5, 7);
    Tensor g = Images.read(gray);
    assertArrayEquals(new int[] {5, 7}, g.shape());
    assertEquals((3 + 28 + 2) / 255f, g.getFloat(1, 2));
    BufferedImage rgb = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
    rgb.setRGB(3, 1, 0x102030);
    Path colour = tmp.resolve("c.png");
    ImageIO.write(rgb, "png", colour.toFile());
    Tensor c = Images.read(colour);
    assertArrayEquals(new int[] {2, 4, 3}, c.shape());
    assertArrayEquals(new float[] {0x10 / 255f, 0x20 / 255f, 0x30 / 255f}, c.get(1).get(3).toFloatArray());
    Tensor cg = Images.readGray(colour);
    assertArrayEquals(new int[] {2, 4}, cg.shape());
    assertEquals((0x10 * 19595 + 0x20 * 38470 + 0x30 * 7471 + 0x8000 >> 16) / 255f, cg.getFloat(1, 3));
    Tensor stack = Images.readGrayStack(List.of(gray, gray), 5, 7);
    assertArrayEquals(new int[] {2, 5, 7}, stack.shape());
    assertArrayEquals(g.toFloatArray(), stack.get(1).toFloatArray());
  }
}
