package dev.jfastai.spark.internal;

import dev.jfastai.spark.ModelFactory;
import dev.jfastai.spark.SparkLossFunction;
import dev.jfastai.spark.SparkMetric;
import dev.jfastai.spark.SparkOptimizerFactory;
import java.io.Serializable;
import java.util.List;

/**
 * Everything an executor needs besides the round's state: how to build the model, loss and optimizer, the local
 * batch size, local steps per round, and how each epoch orders a partition's rows.
 */
public record TrainConfig(ModelFactory model, SparkLossFunction loss, SparkOptimizerFactory optimizer,
                          List<SparkMetric> metrics, int batchSize, int validBatchSize, int syncEvery,
                          boolean sumGradients, long seed, boolean shuffle, boolean targetsAsColumn)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The seed of partition {@code partition}'s row order in {@code epoch}: a function of (seed, epoch, partition)
   * only, so a retried task draws the same order (SplitMix64's finalizer mixes the three).
   */
  public long orderSeed(int epoch, int partition) {
    long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1) + 0xBF58476D1CE4E5B9L * (partition + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
