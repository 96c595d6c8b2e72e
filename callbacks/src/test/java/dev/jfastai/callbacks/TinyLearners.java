package dev.jfastai.callbacks;

import dev.jfastai.data.DataLoader;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.data.TensorDataset;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.Metric;
import dev.jfastai.nn.Linear;
import dev.jfastai.nn.LossFunction;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.OptimizerFactory;
import dev.jfastai.nn.optim.Optimizers;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.nio.file.Path;

/** Small real learners on synthetic data for the callback tests. */
final class TinyLearners {
  private TinyLearners() {}

  /**
   * {@code y = 2 x0 - x1 + 0.5} on uniform x, in batches of {@code bs}; shuffled training order when {@code seed !=
   * null}.
   */
  static DataLoaders linearData(int trainRows, int validRows, int bs, Long seed) {
    Generator g = new Generator(42);
    TensorDataset train = dataset(g, trainRows);
    TensorDataset valid = dataset(g, validRows);
    DataLoader trainDl = seed == null ? new DataLoader(train, bs)
        : DataLoader.builder(train).batchSize(bs).shuffle(new Generator(seed)).build();
    return new DataLoaders(trainDl, new DataLoader(valid, bs));
  }

  private static TensorDataset dataset(Generator g, int rows) {
    Tensor x = Tensor.uniform(g, -1f, 1f, rows, 2);
    float[] xs = x.toFloatArray();
    float[] y = new float[rows];
    for (int i = 0; i < rows; i++) y[i] = 2 * xs[2 * i] - xs[2 * i + 1] + 0.5f;
    return new TensorDataset(x, Tensor.of(y, rows, 1));
  }

  /** A linear regression learner (MSE) that really trains; the same seed gives the same weights. */
  static Learner regression(Path dir, DataLoaders dls, OptimizerFactory opt, Callback... callbacks) {
    return Learner.builder(dls, new Linear(2, 1, true, new Generator(7)))
        .optFunc(opt).lossFunc(Losses::mse).callbacks(callbacks).path(dir).build();
  }

  static Learner regression(Path dir, Callback... callbacks) {
    return regression(dir, linearData(32, 16, 8, null), Optimizers.sgd(), callbacks);
  }

  /** A learner whose batch losses come from {@code loss}'s script (3 train and 2 valid batches of 2 rows per epoch). */
  static Learner scripted(Path dir, LossFunction loss, Metric[] metrics, Callback... callbacks) {
    return Learner.builder(linearData(6, 4, 2, null), new Linear(2, 1, true, new Generator(7)))
        .optFunc(Optimizers.sgd()).lossFunc(loss).metrics(metrics).callbacks(callbacks).path(dir).build();
  }
}
