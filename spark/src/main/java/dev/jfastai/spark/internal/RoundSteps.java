package dev.jfastai.spark.internal;

import dev.jfastai.learner.BatchSteps;
import dev.jfastai.learner.Learner;
import dev.jfastai.nn.Module;
import dev.jfastai.spark.RoundStats;
import dev.jfastai.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The driver's side of a round, plugged into the Learner's loop: in training, one "batch" is one round (its
 * {@code xb} holds the round's index) and in validation the only "batch" is one distributed pass. The job runs in
 * {@link #predict}; {@link #backward} installs the summed gradients and {@link #step} steps the driver's optimizer,
 * or, when averaging, {@link #step} loads the averaged parameters and optimizer state. Results are collected in
 * partition order and summed in double on the driver, so a retried or late task cannot change a single bit.
 */
public final class RoundSteps implements BatchSteps {
  private final JavaSparkContext spark;
  private final JavaRDD<Shard> train;
  private final JavaRDD<Shard> valid;
  private final TrainConfig config;
  private Combined last;
  private double[] validMetricSums = new double[0];
  private long validRows;
  private long roundsRun;
  private long bytesBroadcast;
  private long roundNanos;
  private long overheadNanos;

  /** A round's or a validation's combined answer. */
  private record Combined(long rows, double loss, float[] partLosses, NamedArrays values, NamedArrays buffers,
                          NamedArrays optimizer) {}

  public RoundSteps(JavaSparkContext spark, JavaRDD<Shard> train, JavaRDD<Shard> valid, TrainConfig config) {
    this.spark = spark;
    this.train = train;
    this.valid = valid;
    this.config = config;
  }

  @Override
  public Tensor predict(Learner learn) {
    Module model = learn.model();
    boolean averaging = learn.isTraining() && !config.sumGradients();
    RoundInput input = new RoundInput(NamedArrays.of(model.stateDict()),
        averaging ? NamedArrays.of(learn.opt().stateDict()) : null);
    long start = System.nanoTime();
    Broadcast<RoundInput> broadcast = spark.broadcast(input);
    List<PartResult> parts;
    try {
      parts = learn.isTraining()
          ? train.mapPartitionsWithIndex(new RoundTask(config, broadcast, learn.epoch(), (int) learn.xb().item()), true)
              .collect()
          : valid.mapPartitionsWithIndex(new ValidationTask(config, broadcast), true).collect();
    } finally {
      broadcast.destroy();
    }
    last = combine(parts);
    if (learn.isTraining()) {
      long wall = System.nanoTime() - start;
      long slowest = parts.stream().mapToLong(PartResult::computeNanos).max().orElse(0);
      roundsRun++;
      roundNanos += wall;
      overheadNanos += Math.max(0, wall - slowest);
      bytesBroadcast += 4 * (input.model().floatCount() + (averaging ? input.optimizer().floatCount() : 0));
    }
    if (!learn.isTraining()) validRows = last.rows();
    // batchSize() counts the round's rows, so the Recorder weights rounds and validations by their samples
    learn.setYb(Tensor.zeros((int) Math.max(1, last.rows())));
    return Tensor.wrap(last.partLosses(), last.partLosses().length);
  }

  private Combined combine(List<PartResult> parts) {
    WeightedMean values = new WeightedMean();
    WeightedMean buffers = new WeightedMean();
    WeightedMean optimizer = new WeightedMean();
    long rows = 0;
    double loss = 0;
    float[] partLosses = new float[parts.size()];
    double[] metricSums = new double[config.metrics().size()];
    for (PartResult p : parts) { // collect() keeps partition order
      rows += p.rows();
      loss += p.lossSum();
      partLosses[p.partition()] = p.rows() == 0 ? Float.NaN : (float) (p.lossSum() / p.rows());
      if (p.metricSums() != null) for (int m = 0; m < metricSums.length; m++) metricSums[m] += p.metricSums()[m];
      if (p.rows() == 0 || p.values() == null) continue;
      values.add(p.values(), p.rows());
      if (p.buffers().names().length > 0) buffers.add(p.buffers(), p.rows());
      if (p.optimizer() != null) optimizer.add(p.optimizer(), p.rows());
    }
    if (rows == 0) throw new IllegalStateException("a round found no rows in any partition: is the dataset empty?");
    if (parts.get(0).metricSums() != null) validMetricSums = metricSums;
    return new Combined(rows, loss / rows, partLosses, values.mean(), buffers.mean(), optimizer.mean());
  }

  @Override
  public Tensor loss(Learner learn) {
    return Tensor.scalar((float) last.loss());
  }

  @Override
  public void backward(Learner learn) {
    if (!config.sumGradients()) return; // the local steps' backward passes ran on the executors
    Map<String, Tensor> grads = last.values().toTensors();
    learn.model().namedParameters().forEach((name, p) -> p.setGrad(grads.get(name)));
  }

  @Override
  public void step(Learner learn) {
    if (config.sumGradients()) {
      learn.opt().step();
    } else {
      Map<String, Tensor> state = learn.model().stateDict();
      state.putAll(last.values().toTensors());
      learn.model().loadStateDict(state);
      learn.opt().loadStateDict(last.optimizer().toTensors());
    }
    if (last.buffers() != null) {
      Map<String, Tensor> state = learn.model().stateDict();
      state.putAll(last.buffers().toTensors());
      learn.model().loadStateDict(state);
    }
  }

  @Override
  public void zeroGrad(Learner learn) {
    if (config.sumGradients()) learn.opt().zeroGrad();
  }

  /** The last validation's mean of metric {@code index} over its rows. */
  public double validMetricMean(int index) {
    return validMetricSums[index] / validRows;
  }

  /** Training rounds run so far, their wall time, their overhead and the bytes they broadcast. */
  public RoundStats stats() {
    return new RoundStats(roundsRun, roundNanos / 1e6, overheadNanos / 1e6, bytesBroadcast);
  }
}
