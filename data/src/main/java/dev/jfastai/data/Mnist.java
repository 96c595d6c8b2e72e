package dev.jfastai.data;

import dev.jfastai.data.internal.IoErrors;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The full 10-class MNIST as tensors: images {@code x} as {@code [n, 784]} floats in [0, 1] and labels {@code y}
 * as {@code [n]} floats holding the digit (60,000 training and 10,000 test images). Reads either the raw IDX
 * files or fastai's {@link URLs#MNIST} layout ({@code training/<digit>/*.png}, {@code testing/<digit>/*.png}).
 */
public final class Mnist {
  private static final int CLASSES = 10;

  private final Tensor trainX;
  private final Tensor trainY;
  private final Tensor testX;
  private final Tensor testY;

  private Mnist(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY) {
    this.trainX = trainX;
    this.trainY = trainY;
    this.testX = testX;
    this.testY = testY;
  }

  /** Reads {@code folder} holding either the four IDX files or {@code training}/{@code testing} PNG folders. */
  public static Mnist load(Path folder) {
    return IoErrors.unchecked("Mnist.load", folder, () -> loadChecked(folder));
  }

  private static Mnist loadChecked(Path folder) throws IOException {
    if (Files.isDirectory(folder.resolve("training")) && Files.isDirectory(folder.resolve("testing"))) {
      return fromPngFolders(folder);
    }
    return fromIdx(folder);
  }

  /**
   * Reads {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and
   * {@code t10k-labels-idx1-ubyte} from {@code folder}, each optionally gzipped ({@code .gz}).
   */
  public static Mnist fromIdx(Path folder) {
    return IoErrors.unchecked("Mnist.fromIdx", folder, () -> fromIdxChecked(folder));
  }

  private static Mnist fromIdxChecked(Path folder) throws IOException {
    return fromIdxFiles(find(folder, "train-images", 3), find(folder, "train-labels", 1),
        find(folder, "t10k-images", 3), find(folder, "t10k-labels", 1));
  }

  /** Reads the four IDX files given. */
  public static Mnist fromIdxFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {
    return IoErrors.unchecked("Mnist.fromIdxFiles", trainImages.getParent(),
        () -> fromIdxFilesChecked(trainImages, trainLabels, testImages, testLabels));
  }

  private static Mnist fromIdxFilesChecked(Path trainImages, Path trainLabels, Path testImages, Path testLabels)
      throws IOException {
    Tensor[] train = pair(trainImages, trainLabels);
    Tensor[] test = pair(testImages, testLabels);
    return new Mnist(train[0], train[1], test[0], test[1]);
  }

  /** Reads fastai's {@code mnist_png} layout: {@code training/<digit>/*.png} and {@code testing/<digit>/*.png}. */
  public static Mnist fromPngFolders(Path folder) {
    return IoErrors.unchecked("Mnist.fromPngFolders", folder, () -> fromPngFoldersChecked(folder));
  }

  private static Mnist fromPngFoldersChecked(Path folder) throws IOException {
    Tensor[] train = pngSplit(folder.resolve("training"));
    Tensor[] test = pngSplit(folder.resolve("testing"));
    return new Mnist(train[0], train[1], test[0], test[1]);
  }

  /** Training images, {@code [60000, 784]} in [0, 1]. */
  public Tensor trainX() {
    return trainX;
  }

  /** Training labels, {@code [60000]}, the digit as a float. */
  public Tensor trainY() {
    return trainY;
  }

  /** Test images, {@code [10000, 784]} in [0, 1]. */
  public Tensor testX() {
    return testX;
  }

  /** Test labels, {@code [10000]}, the digit as a float. */
  public Tensor testY() {
    return testY;
  }

  public TensorDataset trainDataset() {
    return new TensorDataset(trainX, trainY);
  }

  public TensorDataset testDataset() {
    return new TensorDataset(testX, testY);
  }

  /** Loaders with the test set as validation set, both in order. */
  public DataLoaders dataLoaders(int batchSize) {
    return DataLoaders.fromDatasets(trainDataset(), testDataset(), batchSize);
  }

  /** Loaders with the test set as validation set; {@code shuffleTrain} reshuffles the training batches each epoch. */
  public DataLoaders dataLoaders(int batchSize, Generator shuffleTrain) {
    return DataLoaders.fromDatasets(trainDataset(), testDataset(), batchSize, shuffleTrain);
  }

  private static Tensor[] pair(Path imagesFile, Path labelsFile) throws IOException {
    IdxFile images = IdxFile.read(imagesFile, 3, "images (idx3)", 28, 28);
    IdxFile labels = IdxFile.read(labelsFile, 1, "labels (idx1)");
    int n = images.dims()[0];
    if (labels.dims()[0] != n) {
      throw new IOException("MNIST files disagree: " + imagesFile + " holds " + n + " images but " + labelsFile
          + " holds " + labels.dims()[0] + " labels");
    }
    for (int i = 0; i < labels.size(); i++) {
      if (labels.value(i) >= CLASSES) {
        throw new IOException("Not an MNIST label file " + labelsFile + ": label " + i + " is " + labels.value(i));
      }
    }
    return new Tensor[] {images.toTensor(1 / 255f), labels.toTensor(1f)};
  }

  private static Path find(Path folder, String prefix, int rank) throws IOException {
    List<String> names = new ArrayList<>();
    for (String sep : new String[] {"-", "."}) {
      for (String gz : new String[] {"", ".gz"}) names.add(prefix + sep + "idx" + rank + "-ubyte" + gz);
    }
    for (String name : names) {
      if (Files.isRegularFile(folder.resolve(name))) return folder.resolve(name);
    }
    throw new IOException("No MNIST file " + names.get(0) + " (or " + names.get(1) + ") in " + folder
        + ": put the four IDX files of the MNIST distribution there, or fastai's mnist_png folders");
  }

  /** Images of {@code split/<digit>/}, digit by digit, files sorted by name. */
  private static Tensor[] pngSplit(Path split) throws IOException {
    List<Path> files = new ArrayList<>();
    int[] ends = new int[CLASSES];
    for (int digit = 0; digit < CLASSES; digit++) {
      files.addAll(Images.files(split.resolve(Integer.toString(digit))));
      ends[digit] = files.size();
    }
    float[] labels = new float[files.size()];
    for (int digit = 0, start = 0; digit < CLASSES; start = ends[digit++]) {
      Arrays.fill(labels, start, ends[digit], digit);
    }
    Tensor x = Images.readGrayStack(files, 28, 28).view(files.size(), 28 * 28);
    return new Tensor[] {x, Tensor.wrap(labels, labels.length)};
  }
}
