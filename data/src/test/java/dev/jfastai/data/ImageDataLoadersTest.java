package dev.jfastai.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders of small PNGs made here: vocab, NCHW values, labels, splitting, shuffling, Normalize and errors. */
class ImageDataLoadersTest {
  @TempDir Path tmp;

  /** A 2x3 gray image whose pixel (y, x) is {@code base + 10 * y + x}. */
  private static void gray(Path file, int base) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) img.getRaster().setSample(x, y, 0, base + 10 * y + x);
    }
    ImageIO.write(img, "png", file.toFile());
  }

  /** Seven training images in classes b (3) and a (4), three validation images. */
  private Path folders() throws IOException {
    Path root = tmp.resolve("data");
    String[][] train = {{"b", "1"}, {"b", "2"}, {"b", "3"}, {"a", "1"}, {"a", "2"}, {"a", "3"}, {"a", "4"}};
    for (int i = 0; i < train.length; i++) {
      gray(root.resolve("training/" + train[i][0] + "/" + train[i][1] + ".png"), i);
    }
    gray(root.resolve("testing/b/9.png"), 200);
    gray(root.resolve("testing/a/8.png"), 201);
    gray(root.resolve("testing/a/7.png"), 202);
    Files.writeString(root.resolve("training/a/notes.txt"), "not an image");
    return root;
  }

  @Test
  void grayFoldersBecomeNchwTensorsWithSortedVocabAndFolderLabels() throws IOException {
    ImageDataLoaders dls = ImageDataLoaders.builder(folders()).train("training").valid("testing").batchSize(3)
        .gray(true).build();
    assertEquals(List.of("a", "b"), dls.vocab(), "sorted, like fastai's CategoryMap");
    ImageDataset valid = (ImageDataset) dls.valid().dataset();
    assertArrayEquals(new int[] {3, 1, 2, 3}, valid.x().shape());
    assertArrayEquals(new float[] {0, 0, 1}, valid.y().toFloatArray(), "a/7, a/8 then b/9");
    assertEquals(tmp.resolve("data/testing/a/7.png"), dls.validFiles().get(0));
    float[] first = Arrays.copyOf(valid.x().toFloatArray(), 6);
    assertArrayEquals(new float[] {202 / 255f, 203 / 255f, 204 / 255f, 212 / 255f, 213 / 255f, 214 / 255f}, first);
    assertEquals(7, dls.trainFiles().size(), "notes.txt is not an image");
    assertTrue(dls.normalize().isEmpty());
  }

  @Test
  void rgbReplicatesGrayIntoThreeChannelPlanes() throws IOException {
    Path root = folders();
    Path colour = root.resolve("training/b/4.png");
    BufferedImage rgb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
    rgb.setRGB(1, 0, 0x102030);
    ImageIO.write(rgb, "png", colour.toFile());
    ImageDataLoaders dls = ImageDataLoaders.fromFolder(root, "training", "testing", 2);
    ImageDataset train = (ImageDataset) dls.train().dataset();
    assertArrayEquals(new int[] {8, 3, 2, 3}, train.x().shape());
    int last = dls.trainFiles().indexOf(colour);
    Tensor img = train.x().get(last);
    assertArrayEquals(new float[] {0, 0x10 / 255f, 0}, Arrays.copyOf(img.get(0).toFloatArray(), 3), "red plane");
    assertArrayEquals(new float[] {0, 0x20 / 255f, 0}, Arrays.copyOf(img.get(1).toFloatArray(), 3), "green plane");
    assertArrayEquals(new float[] {0, 0x30 / 255f, 0}, Arrays.copyOf(img.get(2).toFloatArray(), 3), "blue plane");
    Tensor grayImage = train.x().get(0);
    assertArrayEquals(grayImage.get(0).toFloatArray(), grayImage.get(2).toFloatArray(), "gray in all planes");
  }

  @Test
  void trainingShufflesEachEpochAndDropsTheLastPartialBatchValidationKeepsOrder() throws IOException {
    ImageDataLoaders dls = ImageDataLoaders.builder(folders()).train("training").valid("testing").batchSize(2)
        .gray(true).shuffle(new Generator(0)).build();
    assertEquals(3, dls.train().size(), "7 items in batches of 2, the last partial one dropped");
    List<Float> epoch1 = firstPixels(dls.train());
    List<Float> epoch2 = firstPixels(dls.train());
    assertEquals(6, epoch1.size());
    assertEquals(6, new HashSet<>(epoch1).size(), "no item twice in an epoch");
    assertNotEquals(epoch1, epoch2, "a fresh order each epoch");
    ImageDataLoaders again = ImageDataLoaders.builder(folders()).train("training").valid("testing").batchSize(2)
        .gray(true).shuffle(new Generator(0)).build();
    assertEquals(epoch1, firstPixels(again.train()), "the same seed gives the same order");
    assertEquals(2, dls.valid().size(), "validation keeps its partial batch");
    assertEquals(List.of(202 / 255f, 201 / 255f, 200 / 255f), firstPixels(dls.valid()));
  }

  private static List<Float> firstPixels(DataLoader loader) {
    List<Float> out = new ArrayList<>();
    for (Batch b : loader) {
      for (int i = 0; i < b.size(); i++) out.add(b.x().get(i).toFloatArray()[0]);
    }
    return out;
  }

  @Test
  void normalizeWithGivenOrTrainingStats() throws IOException {
    Path root = folders();
    ImageDataLoaders given = ImageDataLoaders.builder(root).train("training").valid("testing").gray(true)
        .normalize(new Normalize(new double[] {0.5}, new double[] {0.25})).build();
    float v = ((ImageDataset) given.valid().dataset()).x().toFloatArray()[0];
    assertEquals((202 / 255f - 0.5f) / 0.25f, v, 1e-6f);

    ImageDataLoaders computed = ImageDataLoaders.builder(root).train("training").valid("testing").gray(true)
        .normalizeFromTraining().build();
    Tensor x = ((ImageDataset) computed.train().dataset()).x();
    assertEquals(0, x.mean().item(), 1e-5, "the training set has mean 0 after normalizing");
    double[] pixels = new double[7 * 6];
    for (int i = 0; i < 7; i++) {
      for (int p = 0; p < 6; p++) pixels[i * 6 + p] = (i + 10 * (p / 3) + p % 3) / 255.0;
    }
    Normalize stats = computed.normalize().orElseThrow();
    double mean = Arrays.stream(pixels).average().orElseThrow();
    double var = Arrays.stream(pixels).map(p -> (p - mean) * (p - mean)).sum() / (pixels.length - 1);
    assertEquals(mean, stats.mean()[0], 1e-7);
    assertEquals(Math.sqrt(var) + 1e-7, stats.std()[0], 1e-7, "unbiased std + 1e-7, like fastai");
  }

  /**
   * The images are kept as bytes and made floats per batch: the same floats, bit for bit, as normalizing the whole
   * float stack up front, item by item, batch by batch, shuffled or in order; the stats are the float stack's.
   */
  @Test
  void batchesFromBytesEqualTheNormalizedFloatStack() throws IOException {
    Path root = folders();
    ImageDataLoaders dls = ImageDataLoaders.builder(root).train("training").valid("testing").gray(true).batchSize(3)
        .normalizeFromTraining().shuffle(new Generator(2)).build();
    Tensor floats = Images.readGrayStack(dls.trainFiles(), 2, 3).reshape(7, 1, 2, 3);
    Normalize stats = dls.normalize().orElseThrow();
    Normalize fromFloats = Normalize.fromImages(floats);
    assertEquals(fromFloats.mean()[0], stats.mean()[0], 1e-15, "the byte histogram's stats");
    assertEquals(fromFloats.std()[0], stats.std()[0], 1e-15);
    float[] expected = stats.apply(floats).toFloatArray();
    ImageDataset train = (ImageDataset) dls.train().dataset();
    assertArrayEquals(expected, train.x().toFloatArray());
    for (int i = 0; i < 7; i++) {
      assertArrayEquals(Arrays.copyOfRange(expected, i * 6, i * 6 + 6), train.get(i).x().toFloatArray(), "item " + i);
      assertArrayEquals(new int[] {1, 2, 3}, train.get(i).x().shape());
    }
    for (Batch b : dls.train()) {
      for (int k = 0; k < b.size(); k++) {
        float first = b.x().get(k).toFloatArray()[0];
        assertTrue(Arrays.asList(0, 6, 12, 18, 24, 30, 36).stream().anyMatch(at -> expected[at] == first));
      }
    }
    Batch rows = train.rows(new int[] {6, 0, 3}, 1, 2);
    assertArrayEquals(new int[] {2, 1, 2, 3}, rows.x().shape());
    assertArrayEquals(Arrays.copyOfRange(expected, 0, 6), rows.x().get(0).toFloatArray());
    assertArrayEquals(Arrays.copyOfRange(expected, 18, 24), rows.x().get(1).toFloatArray());
    assertArrayEquals(new float[] {train.y().toFloatArray()[0], train.y().toFloatArray()[3]}, rows.y().toFloatArray());
    assertEquals("ImageDataset: rows 6..8 of 7",
        assertThrows(IndexOutOfBoundsException.class, () -> train.rows(null, 6, 2)).getMessage());
  }

  @Test
  void normalizeFromImagesIsPerChannel() {
    Tensor x = Tensor.wrap(new float[] {1, 3, 10, 30, 5, 7, 50, 70}, 2, 2, 1, 2);
    Normalize n = Normalize.fromImages(x);
    assertArrayEquals(new double[] {4, 40}, n.mean(), 1e-9);
    Tensor y = n.apply(x);
    assertEquals((1 - 4) / n.std()[0], y.toFloatArray()[0], 1e-6);
    assertEquals((70 - 40) / n.std()[1], y.toFloatArray()[7], 1e-5);
    assertThrows(IllegalArgumentException.class, () -> n.apply(Tensor.zeros(1, 3, 1, 1)));
  }

  @Test
  void errorsNameTheFolderOrFile() throws IOException {
    Path root = folders();
    UncheckedIOException missing = assertThrows(UncheckedIOException.class,
        () -> ImageDataLoaders.fromFolder(root, "train", "testing", 4));
    assertTrue(missing.getMessage().contains(root.resolve("train").toString()), missing.getMessage());

    gray(root.resolve("testing/c/1.png"), 0);
    UncheckedIOException unknown = assertThrows(UncheckedIOException.class,
        () -> ImageDataLoaders.fromFolder(root, "training", "testing", 4));
    assertTrue(unknown.getMessage().contains("not among the training classes [a, b]"), unknown.getMessage());
    Files.delete(root.resolve("testing/c/1.png"));
    Files.delete(root.resolve("testing/c"));

    Path big = root.resolve("training/a/5.png");
    ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png", big.toFile());
    UncheckedIOException size = assertThrows(UncheckedIOException.class,
        () -> ImageDataLoaders.fromFolder(root, "training", "testing", 4));
    assertTrue(size.getMessage().contains(big.toString()) && size.getMessage().contains("4x4"), size.getMessage());
  }
}
