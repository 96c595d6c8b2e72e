package dev.jfastai.data;

import dev.jfastai.tensor.Generator;
import java.util.Objects;

/**
 * A training and a validation {@link DataLoader}, like fastai's {@code DataLoaders(dl, valid_dl)} with
 * {@code dls.train} and {@code dls.valid}.
 */
public record DataLoaders(DataLoader train, DataLoader valid) {
  public DataLoaders {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(valid, "valid");
  }

  /** Loaders over two datasets with one batch size, both in order (as chapter 4 does). */
  public static DataLoaders fromDatasets(Dataset<Batch> train, Dataset<Batch> valid, int batchSize) {
    return new DataLoaders(DataLoader.builder(train).batchSize(batchSize).build(),
        DataLoader.builder(valid).batchSize(batchSize).build());
  }

  /**
   * Loaders over two datasets with one batch size; like fastai, the training set is reshuffled each epoch by
   * {@code shuffleTrain} and the validation set keeps its order. Other options come from {@link DataLoader#builder}.
   */
  public static DataLoaders fromDatasets(Dataset<Batch> train, Dataset<Batch> valid, int batchSize,
      Generator shuffleTrain) {
    if (shuffleTrain == null) {
      throw new IllegalArgumentException("fromDatasets: shuffleTrain is null; the three-argument form keeps the order");
    }
    return new DataLoaders(DataLoader.builder(train).batchSize(batchSize).shuffle(shuffleTrain).build(),
        DataLoader.builder(valid).batchSize(batchSize).build());
  }
}
