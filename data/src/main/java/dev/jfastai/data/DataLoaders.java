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

  /**
   * Loaders over two datasets with one batch size; like fastai, the training set is reshuffled each epoch by
   * {@code shuffleTrain} (null keeps the order, as chapter 4 does) and the validation set keeps its order.
   */
  public static DataLoaders fromDatasets(Dataset<Batch> train, Dataset<Batch> valid, int batchSize,
      Generator shuffleTrain) {
    DataLoader.Builder trainLoader = DataLoader.builder(train).batchSize(batchSize);
    if (shuffleTrain != null) trainLoader.shuffle(shuffleTrain);
    return new DataLoaders(trainLoader.build(), DataLoader.builder(valid).batchSize(batchSize).build());
  }
}
