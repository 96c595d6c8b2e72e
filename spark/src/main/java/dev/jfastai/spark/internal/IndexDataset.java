package dev.jfastai.spark.internal;

import dev.jfastai.data.Batch;
import dev.jfastai.data.Dataset;
import dev.jfastai.tensor.Tensor;

/** The driver's "dataset" of rounds: item i is the index i, so a loader of batch size 1 yields one round a batch. */
public record IndexDataset(int size) implements Dataset<Batch> {
  @Override
  public Batch get(int i) {
    return new Batch(Tensor.of(new float[] {i}, 1), Tensor.zeros(1));
  }
}
