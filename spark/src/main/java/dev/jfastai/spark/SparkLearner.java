package dev.jfastai.spark;

import dev.jfastai.learner.Callback;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.OneCycle;
import dev.jfastai.learner.Recorder;
import dev.jfastai.nn.Module;
import dev.jfastai.spark.internal.RoundSteps;
import dev.jfastai.spark.internal.Shard;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Trains a model data-parallel on Spark executors while the driver runs the Learner's loop: one training "batch" is
 * one synchronous round (each partition trains {@code syncEvery} local mini-batches from the broadcast state, the
 * driver combines the results), so Recorder, progress, loggers, early stopping, checkpoints and schedulers work
 * unchanged. The data stays partitioned and cached on the executors; only parameters travel.
 */
public final class SparkLearner implements AutoCloseable {
  private final Learner learner;
  private final RoundSteps steps;
  private final List<JavaRDD<Shard>> cached;
  private final int roundsPerEpoch;

  SparkLearner(Learner learner, RoundSteps steps, List<JavaRDD<Shard>> cached, int roundsPerEpoch) {
    this.learner = learner;
    this.steps = steps;
    this.cached = cached;
    this.roundsPerEpoch = roundsPerEpoch;
  }

  /** A learner over RDDs of samples; {@code model} builds the architecture on the driver and on each executor. */
  public static SparkLearnerBuilder builder(JavaSparkContext spark, JavaRDD<Sample> train, JavaRDD<Sample> valid,
                                            ModelFactory model) {
    return new SparkLearnerBuilder(spark, train, valid, model);
  }

  /** A learner over Spark ML tables with a {@code features} vector column and a numeric {@code label} column. */
  public static SparkLearnerBuilder builder(SparkSession spark, Dataset<Row> train, Dataset<Row> valid,
                                            ModelFactory model) {
    return new SparkLearnerBuilder(JavaSparkContext.fromSparkContext(spark.sparkContext()), SparkRows.samples(train),
        SparkRows.samples(valid), model);
  }

  /** Trains {@code epochs} epochs at {@code lr}, like {@link Learner#fit}; resumes after {@link #load}. */
  public void fit(int epochs, double lr, Callback... extra) {
    learner.fit(epochs, (float) lr, extra);
  }

  /** fastai's one-cycle schedule over the rounds, like {@link Learner#fitOneCycle}. */
  public void fitOneCycle(int epochs, double lrMax, Callback... extra) {
    learner.fitOneCycle(epochs, (float) lrMax, extra);
  }

  /** The one-cycle schedule with fastai's options ({@link OneCycle#builder}) over the rounds. */
  public void fitOneCycle(int epochs, OneCycle policy, Callback... extra) {
    learner.fitOneCycle(epochs, policy, extra);
  }

  /** One distributed pass over the validation set: {@code [valid_loss, metric1, ...]}. */
  public List<Double> validate() {
    return learner.validate();
  }

  /** Saves the driver's model, optimizer and progress like {@link Learner#save}. */
  public Path save(String name) {
    return learner.save(name);
  }

  /** Loads what {@link #save} wrote; the next {@link #fit} continues after the saved epoch. */
  public SparkLearner load(String name) {
    learner.load(name);
    return this;
  }

  /** The driver's Learner: its recorder, callbacks and loop state. */
  public Learner learner() {
    return learner;
  }

  /** The driver's copy of the model, up to date after every round. */
  public Module model() {
    return learner.model();
  }

  public Recorder recorder() {
    return learner.recorder();
  }

  /** Rounds (driver-side batches) in one epoch: the largest partition's local batches over {@code syncEvery}. */
  public int roundsPerEpoch() {
    return roundsPerEpoch;
  }

  /** Training rounds run so far by this learner, with their time, overhead and broadcast bytes. */
  public RoundStats roundStats() {
    return steps.stats();
  }

  /** Releases the cached partitions on the executors (Spark itself keeps running). */
  @Override
  public void close() {
    for (JavaRDD<Shard> rdd : cached) rdd.unpersist(false);
  }
}
