package dev.jfastai.examples.chapter4;

import dev.jfastai.data.Batch;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.data.Images;
import dev.jfastai.data.TensorDataset;
import dev.jfastai.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The chapter's tensors from an extracted MNIST_SAMPLE folder: {@code train_x [12396, 784]} (threes then sevens,
 * files sorted by name), {@code train_y [12396, 1]} (3 is 1, 7 is 0), and likewise {@code valid_x}, {@code valid_y}.
 */
public record ChapterData(Tensor trainX, Tensor trainY, Tensor validX, Tensor validY) {
  /** The labels, by target value: 0 is a seven, 1 a three. */
  public static final List<String> VOCAB = List.of("7", "3");

  /** Reads {@code path/train/{3,7}} and {@code path/valid/{3,7}}. */
  public static ChapterData load(Path path) throws IOException {
    Tensor[] train = split(path.resolve("train"));
    Tensor[] valid = split(path.resolve("valid"));
    return new ChapterData(train[0], train[1], valid[0], valid[1]);
  }

  /** {@code DataLoaders(DataLoader(dset, batch_size=bs), DataLoader(valid_dset, batch_size=bs))}, neither shuffled. */
  public DataLoaders dataLoaders(int batchSize) {
    return DataLoaders.fromDatasets(trainDataset(), validDataset(), batchSize, null);
  }

  /** {@code dset = list(zip(train_x, train_y))}. */
  public TensorDataset trainDataset() {
    return new TensorDataset(trainX, trainY);
  }

  /** {@code valid_dset = list(zip(valid_x, valid_y))}. */
  public TensorDataset validDataset() {
    return new TensorDataset(validX, validY);
  }

  /** Batches cut once as views of the tensors, in order: the fastest way to feed the plain loop. */
  public static List<Batch> slices(Tensor x, Tensor y, int batchSize) {
    if (batchSize <= 0) throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
    List<Batch> batches = new ArrayList<>();
    int n = x.size(0);
    for (int start = 0; start < n; start += batchSize) {
      int len = Math.min(batchSize, n - start);
      batches.add(new Batch(x.narrow(0, start, len), y.narrow(0, start, len)));
    }
    return batches;
  }

  /** threes then sevens of one split: {@code [n, 784]} images and {@code [n, 1]} targets. */
  private static Tensor[] split(Path folder) throws IOException {
    List<Path> threes = Images.files(folder.resolve("3"));
    List<Path> sevens = Images.files(folder.resolve("7"));
    if (threes.isEmpty() || sevens.isEmpty()) {
      throw new IOException("MNIST_SAMPLE folder " + folder + " needs PNG images in both 3/ and 7/ (found "
          + threes.size() + " and " + sevens.size() + ")");
    }
    List<Path> files = new ArrayList<>(threes);
    files.addAll(sevens);
    Tensor x = Images.readGrayStack(files, 28, 28).view(-1, ChapterModels.PIXELS);
    float[] y = new float[files.size()];
    Arrays.fill(y, 0, threes.size(), 1f);
    return new Tensor[] {x, Tensor.wrap(y, y.length, 1)};
  }
}
