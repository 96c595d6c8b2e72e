package dev.jfastai.spark;

import dev.jfastai.data.DataLoader;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.LearnerBuilder;
import dev.jfastai.learner.Metric;
import dev.jfastai.learner.Metrics;
import dev.jfastai.spark.internal.IndexDataset;
import dev.jfastai.spark.internal.RoundSteps;
import dev.jfastai.spark.internal.Shard;
import dev.jfastai.spark.internal.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * Builds a {@link SparkLearner}: {@code SparkLearner.builder(spark, train, valid, () -> model).optFunc(...)
 * .lossFunc(...).metrics(...).callbacks(...).syncEvery(k).build()}. Building packs every partition into one cached
 * block and counts its rows (one Spark job).
 */
public final class SparkLearnerBuilder {
  private final JavaSparkContext spark;
  private final JavaRDD<Sample> train;
  private final JavaRDD<Sample> valid;
  private final ModelFactory model;
  private SparkOptimizerFactory optFunc;
  private SparkLossFunction lossFunc;
  private final List<SparkMetric> metrics = new ArrayList<>();
  private final List<Callback> callbacks = new ArrayList<>();
  private int syncEvery = 1;
  private int batchSize = 64;
  private int validBatchSize = 256;
  private int partitions;
  private long seed = 42;
  private boolean shuffle = true;
  private boolean targetsAsColumn;
  private boolean parameterAveraging;
  private Path path = Path.of(".");

  SparkLearnerBuilder(JavaSparkContext spark, JavaRDD<Sample> train, JavaRDD<Sample> valid, ModelFactory model) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.train = Objects.requireNonNull(train, "train");
    this.valid = Objects.requireNonNull(valid, "valid");
    this.model = Objects.requireNonNull(model, "model");
  }

  public SparkLearnerBuilder optFunc(SparkOptimizerFactory optFunc) {
    this.optFunc = optFunc;
    return this;
  }

  public SparkLearnerBuilder lossFunc(SparkLossFunction lossFunc) {
    this.lossFunc = lossFunc;
    return this;
  }

  public SparkLearnerBuilder metrics(SparkMetric... metrics) {
    this.metrics.addAll(List.of(metrics));
    return this;
  }

  /** Callbacks of the driver's Learner (they see one batch per round). */
  public SparkLearnerBuilder callbacks(Callback... callbacks) {
    this.callbacks.addAll(List.of(callbacks));
    return this;
  }

  /**
   * Local mini-batches each partition trains between two synchronisations (default 1). With 1, the partitions'
   * gradients are summed and the driver's optimizer steps, exactly like one batch of {@code partitions * batchSize};
   * above 1, parameters and optimizer state are averaged, weighted by rows.
   */
  public SparkLearnerBuilder syncEvery(int syncEvery) {
    if (syncEvery < 1) throw new IllegalArgumentException("syncEvery must be >= 1, got " + syncEvery);
    this.syncEvery = syncEvery;
    return this;
  }

  /** Rows of each partition's local mini-batch (default 64). */
  public SparkLearnerBuilder batchSize(int batchSize) {
    if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    this.batchSize = batchSize;
    return this;
  }

  /** Rows per validation batch on each partition (default 256). */
  public SparkLearnerBuilder validBatchSize(int validBatchSize) {
    if (validBatchSize < 1) throw new IllegalArgumentException("validBatchSize must be >= 1, got " + validBatchSize);
    this.validBatchSize = validBatchSize;
    return this;
  }

  /** Repartitions both datasets into this many partitions (default: keep the training data's partitioning). */
  public SparkLearnerBuilder partitions(int partitions) {
    if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
    this.partitions = partitions;
    return this;
  }

  /** Seed of each epoch's per-partition row order (default 42). */
  public SparkLearnerBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Whether each epoch visits a partition's rows in a fresh order drawn from (seed, epoch, partition) (default). */
  public SparkLearnerBuilder shuffle(boolean shuffle) {
    this.shuffle = shuffle;
    return this;
  }

  /** Targets as a {@code [rows, 1]} column (the chapter's {@code mnist_loss}) instead of a {@code [rows]} vector. */
  public SparkLearnerBuilder targetsAsColumn(boolean targetsAsColumn) {
    this.targetsAsColumn = targetsAsColumn;
    return this;
  }

  /** Averages parameters and optimizer state even when {@code syncEvery} is 1 (default: sum gradients there). */
  public SparkLearnerBuilder parameterAveraging(boolean parameterAveraging) {
    this.parameterAveraging = parameterAveraging;
    return this;
  }

  /** The driver learner's folder: checkpoints go to {@code path/models}. */
  public SparkLearnerBuilder path(Path path) {
    this.path = Objects.requireNonNull(path, "path");
    return this;
  }

  public SparkLearner build() {
    if (optFunc == null) {
      throw new IllegalStateException("SparkLearner.builder: optFunc is required (e.g. BasicOptim::new)");
    }
    if (lossFunc == null) {
      throw new IllegalStateException("SparkLearner.builder: lossFunc is required (e.g. Losses::mnistLoss)");
    }
    TrainConfig config = new TrainConfig(model, lossFunc, optFunc, List.copyOf(metrics), batchSize, validBatchSize,
        syncEvery, syncEvery == 1 && !parameterAveraging, seed, shuffle, targetsAsColumn);
    JavaRDD<Shard> trainShards = shards(train);
    JavaRDD<Shard> validShards = shards(valid);
    int rounds = 0;
    for (int rows : trainShards.map(Shard::size).collect()) {
      rounds = Math.max(rounds, (ceilDiv(rows, batchSize) + syncEvery - 1) / syncEvery);
    }
    if (rounds == 0) throw new IllegalArgumentException("SparkLearner: the training dataset is empty");
    validShards.count(); // pack and cache now rather than inside the first epoch's timing
    RoundSteps steps = new RoundSteps(spark, trainShards, validShards, config);
    List<Metric> driverMetrics = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      // the validation's one "batch" has a row per validation sample, so the batch-weighted mean is the exact mean
      int index = i;
      driverMetrics.add(Metrics.avg(metrics.get(i).name(), (pred, target) -> steps.validMetricMean(index)));
    }
    DataLoaders dls =
        new DataLoaders(new DataLoader(new IndexDataset(rounds), 1), new DataLoader(new IndexDataset(1), 1));
    LearnerBuilder learner = Learner.builder(dls, model.create()).optFunc(optFunc).lossFunc(lossFunc)
        .metrics(driverMetrics.toArray(new Metric[0])).callbacks(callbacks.toArray(new Callback[0])).path(path)
        .batchSteps(steps);
    return new SparkLearner(learner.build(), steps, List.of(trainShards, validShards), rounds);
  }

  private JavaRDD<Shard> shards(JavaRDD<Sample> samples) {
    JavaRDD<Sample> parts = partitions > 0 && samples.getNumPartitions() != partitions
        ? samples.repartition(partitions) : samples;
    return parts.mapPartitions(it -> List.of(Shard.pack(it)).iterator(), true).persist(StorageLevel.MEMORY_ONLY());
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
