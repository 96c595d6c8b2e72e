package dev.jfastai.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real data, when the cache at {@code $FASTAI_HOME} holds it (CI seeds it; skipped otherwise):
 * {@code archive/mnist_sample.tgz}, and for the pixel comparison MNIST's raw IDX files in
 * {@code archive/mnist_idx/}. The cache is only read: extraction goes to a temporary cache.
 */
class MnistEndToEndTest {
  @TempDir Path tmp;

  private static Path seeded(String relative) {
    String home = System.getenv("FASTAI_HOME");
    assumeTrue(home != null && !home.isBlank(), "FASTAI_HOME is not set");
    Path file = Path.of(home).resolve(relative);
    assumeTrue(Files.exists(file), file + " is not in the cache");
    return file;
  }

  /** A temporary cache holding the seeded archive of {@code url}, placed by hand (no network). */
  private UntarData placeSeeded(String url) throws IOException {
    UntarData cache = UntarData.builder().home(tmp).quiet(true).build();
    Path archive = seeded("archive/" + cache.archivePath(url).getFileName());
    Files.createDirectories(cache.archiveDir());
    Files.copy(archive, cache.archivePath(url));
    return cache;
  }

  @Test
  void untarDataAndMnistSampleGiveTheChaptersTensors() throws IOException {
    UntarData cache = placeSeeded(URLs.MNIST_SAMPLE);
    Path partial = cache.dataPath(URLs.MNIST_SAMPLE).resolve("valid/3"); // as an interrupted extraction left it
    Files.createDirectories(partial);
    Files.writeString(partial.resolve("9.png"), "cut");
    Path folder = cache.untar(URLs.MNIST_SAMPLE);
    assertEquals(tmp.resolve("data/mnist_sample"), folder);
    assertTrue(Files.isRegularFile(folder.resolve("labels.csv")), "the partial folder was extracted again");

    long start = System.nanoTime();
    MnistSample sample = MnistSample.load(folder);
    System.out.printf("MnistSample.load: 14,434 PNGs in %.0f ms%n", (System.nanoTime() - start) / 1e6);
    assertArrayEquals(new int[] {12396, 784}, sample.trainX().shape());
    assertArrayEquals(new int[] {2038, 784}, sample.validX().shape());
    assertArrayEquals(new int[] {12396, 1}, sample.trainY().shape());
    assertArrayEquals(new int[] {2038, 1}, sample.validY().shape());
    assertEquals(6131f, sample.trainY().sum().item(), "threes are 1");
    assertEquals(1010f, sample.validY().sum().item());
    assertEquals(folder.resolve("train/3/10.png"), sample.trainFiles().get(0), "ls().sorted() order");
    sample.checkLabels(); // all 14,434 images agree with fastai's labels.csv

    DataLoaders dls = sample.dataLoaders(256);
    assertEquals(49, dls.train().size());
    Batch last = null;
    int batches = 0;
    for (Batch b : dls.train()) {
      last = b;
      batches++;
    }
    assertEquals(49, batches);
    assertEquals(108, last.size());
    assertEquals(8, dls.valid().size());

    Path idx = Path.of(System.getenv("FASTAI_HOME")).resolve("archive/mnist_idx");
    if (Files.exists(idx.resolve("train-images-idx3-ubyte.gz"))) { // the pixel check needs the raw MNIST too
      compareWithIdx(sample.trainX(), sample.trainFiles(), IdxFile.read(idx.resolve("train-images-idx3-ubyte.gz")));
      compareWithIdx(sample.validX(), sample.validFiles(), IdxFile.read(idx.resolve("t10k-images-idx3-ubyte.gz")));
    }
  }

  /** Each PNG is named after its index in the IDX file (train/3/7.png is training image 7, the first 3). */
  private static void compareWithIdx(Tensor x, List<Path> files, IdxFile images) {
    float[] row = new float[784];
    for (int r = 0; r < files.size(); r++) {
      String name = files.get(r).getFileName().toString();
      int index = Integer.parseInt(name.substring(0, name.length() - ".png".length()));
      for (int p = 0; p < 784; p++) row[p] = images.value(index * 784 + p) / 255f;
      assertArrayEquals(row, Arrays.copyOfRange(x.array(), x.arrayOffset() + r * 784, x.arrayOffset() + (r + 1) * 784),
          files.get(r) + " vs IDX image " + index);
    }
  }

  @Test
  void fullMnistFromIdx() throws IOException {
    Path idx = seeded("archive/mnist_idx/train-images-idx3-ubyte.gz").getParent();
    Mnist mnist = Mnist.fromIdx(idx);
    assertArrayEquals(new int[] {60000, 784}, mnist.trainX().shape());
    assertArrayEquals(new int[] {60000}, mnist.trainY().shape());
    assertArrayEquals(new int[] {10000, 784}, mnist.testX().shape());
    assertArrayEquals(new float[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4, 3, 5},
        Arrays.copyOf(mnist.trainY().toFloatArray(), 12), "MNIST's first training labels");
    assertArrayEquals(new float[] {7, 2, 1, 0, 4}, Arrays.copyOf(mnist.testY().toFloatArray(), 5));
    assertEquals(1f, mnist.trainX().max().item());
  }

  @Test
  void fullMnistPngsThroughUntarDataAsImageDataLoaders() throws IOException {
    Path folder = placeSeeded(URLs.MNIST).untar(URLs.MNIST);
    assertEquals(tmp.resolve("data/mnist_png"), folder);

    long start = System.nanoTime();
    ImageDataLoaders dls = ImageDataLoaders.builder(folder).train("training").valid("testing").batchSize(512)
        .gray(true).normalizeFromTraining().shuffle(new Generator(42)).build();
    System.out.printf("ImageDataLoaders: 70,000 PNGs in %.0f ms%n", (System.nanoTime() - start) / 1e6);
    assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), dls.vocab());
    ImageDataset train = (ImageDataset) dls.train().dataset();
    ImageDataset valid = (ImageDataset) dls.valid().dataset();
    assertArrayEquals(new int[] {60000, 1, 28, 28}, train.x().shape());
    assertArrayEquals(new int[] {10000, 1, 28, 28}, valid.x().shape());
    int[] trainCounts = new int[10];
    for (float y : train.y().toFloatArray()) trainCounts[(int) y]++;
    assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, trainCounts);
    int[] validCounts = new int[10];
    for (float y : valid.y().toFloatArray()) validCounts[(int) y]++;
    assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, validCounts);
    Normalize stats = dls.normalize().orElseThrow();
    assertEquals(0.1307, stats.mean()[0], 1e-4, "MNIST's well-known mean");
    assertEquals(0.3081, stats.std()[0], 1e-4, "and standard deviation");
    assertEquals(117, dls.train().size(), "60,000 / 512, the last partial batch dropped");
    assertEquals(20, dls.valid().size());
  }
}
