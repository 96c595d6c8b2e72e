package dev.jfastai.spark.examples;

import dev.jfastai.callbacks.ProgressCallback;
import dev.jfastai.data.DataLoader;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.data.TensorDataset;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.Metrics;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.BasicOptim;
import dev.jfastai.spark.ModelFactory;
import dev.jfastai.spark.Sample;
import dev.jfastai.tensor.Tensor;
import java.util.List;
import java.util.Locale;

/** {@code spark-chapter4 --local true}: the same samples and model with the single-process Learner, for comparison. */
public final class LocalBaseline {
  private LocalBaseline() {}

  static void run(List<Sample> train, List<Sample> valid, ModelFactory model, SparkChapter4.Options o) {
    int batch = o.partitions() * o.batchSize();
    Learner learn = Learner.builder(new DataLoaders(loader(train, batch), loader(valid, 256)), model.create())
        .optFunc(BasicOptim::new).lossFunc(Losses::mnistLoss)
        .metrics(Metrics.avg("batch_accuracy", Metrics::binaryAccuracy)).callbacks(new ProgressCallback()).build();
    long start = System.nanoTime();
    learn.fit(o.epochs(), (float) o.lr());
    double trainSeconds = (System.nanoTime() - start) / 1e9;
    System.out.println(String.format(Locale.ROOT, "{\"train_s\": %.3f, \"median_epoch_ms\": %.1f, "
            + "\"final_acc\": %.4f, \"batch\": %d, \"hidden\": %d, \"local\": true}", trainSeconds,
        SparkChapter4.medianEpochMillis(learn.recorder().epochs()),
        SparkChapter4.finalAccuracy(learn.recorder().epochs()), batch, o.hidden()));
  }

  /** An unshuffled loader over {@code samples} in their order, targets as a {@code [rows, 1]} column. */
  public static DataLoader loader(List<Sample> samples, int batchSize) {
    int n = samples.size();
    int f = samples.get(0).features().length;
    float[] x = new float[n * f];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(samples.get(i).features(), 0, x, i * f, f);
      y[i] = samples.get(i).target();
    }
    return new DataLoader(new TensorDataset(Tensor.wrap(x, n, f), Tensor.wrap(y, n, 1)), batchSize);
  }
}
