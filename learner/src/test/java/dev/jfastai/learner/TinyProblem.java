package dev.jfastai.learner;

import dev.jfastai.data.DataLoader;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.data.TensorDataset;
import dev.jfastai.nn.Linear;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.optim.BasicOptim;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.nio.file.Path;

/** A small separable binary problem and a one-layer model: fast, deterministic learners for tests. */
final class TinyProblem {
  private TinyProblem() {}

  /** Rows of 2 features; label 1 where x0 + x1 > 0. */
  static TensorDataset dataset(int rows, long seed) {
    Tensor x = Tensor.randn(new Generator(seed), rows, 2);
    float[] y = new float[rows];
    for (int i = 0; i < rows; i++) y[i] = x.getFloat(i, 0) + x.getFloat(i, 1) > 0 ? 1f : 0f;
    return new TensorDataset(x, Tensor.of(y, rows, 1));
  }

  static DataLoaders dls(int trainRows, int validRows, int bs, boolean shuffle, long seed) {
    DataLoader.Builder train = DataLoader.builder(dataset(trainRows, seed)).batchSize(bs);
    if (shuffle) train.shuffle(new Generator(seed + 1));
    DataLoader valid = DataLoader.builder(dataset(validRows, seed + 2)).batchSize(bs).build();
    return new DataLoaders(train.build(), valid);
  }

  static Module model(long seed) {
    return new Linear(2, 1, new Generator(seed));
  }

  static Learner learner(DataLoaders dls, Path path, Callback... callbacks) {
    return Learner.builder(dls, model(7)).optFunc(BasicOptim::new).lossFunc(Losses::mnistLoss)
        .metrics(Metrics.batchAccuracy()).callbacks(callbacks).path(path).build();
  }
}
