package dev.jfastai.spark.internal;

import dev.jfastai.data.Batch;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.optim.Optimizer;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * One partition's part of a training round, run on an executor: its model starts from the broadcast state and
 * trains on local batches {@code round * syncEvery ...} of this epoch's row order. It reads only the broadcast,
 * the cached shard and (epoch, round, partition), so a retried attempt returns exactly the same result.
 */
public final class RoundTask implements Function2<Integer, Iterator<Shard>, Iterator<PartResult>> {
  private static final long serialVersionUID = 1L;
  private final TrainConfig config;
  private final Broadcast<RoundInput> input;
  private final int epoch;
  private final int round;

  public RoundTask(TrainConfig config, Broadcast<RoundInput> input, int epoch, int round) {
    this.config = config;
    this.input = input;
    this.epoch = epoch;
    this.round = round;
  }

  @Override
  public Iterator<PartResult> call(Integer partition, Iterator<Shard> shards) {
    Shard shard = shards.hasNext() ? shards.next() : new Shard(0, 0, new float[0], new float[0]);
    int[] order = config.shuffle() ? new Generator(config.orderSeed(epoch, partition)).permutation(shard.size()) : null;
    int b = config.batchSize();
    int first = round * config.syncEvery();
    int batches = Math.max(0, Math.min(config.syncEvery(), ceilDiv(shard.size(), b) - first));
    if (batches == 0) return List.of(new PartResult(partition, 0, 0, null, null, null, null, 0)).iterator();
    RoundInput in = input.value();
    long start = System.nanoTime();
    Module model = config.model().create();
    model.loadStateDict(in.model().toTensors());
    model.train();
    PartResult result = config.sumGradients()
        ? gradients(partition, model, shard.batch(order, first * b, Math.min(b, shard.size() - first * b),
            config.targetsAsColumn()))
        : localSteps(partition, model, in, shard, order, first, batches);
    return List.of(new PartResult(result.partition(), result.rows(), result.lossSum(), result.values(),
        result.buffers(), result.optimizer(), null, System.nanoTime() - start)).iterator();
  }

  /** One local batch's loss and gradients: the driver sums them and its optimizer takes the step. */
  private PartResult gradients(int partition, Module model, Batch batch) {
    Tensor loss = config.loss().compute(model.forward(batch.x()), batch.y());
    loss.backward();
    Map<String, Tensor> grads = new LinkedHashMap<>();
    model.namedParameters().forEach((name, p) -> grads.put(name, p.grad().orElseGet(() -> Tensor.zerosLike(p))));
    int rows = batch.size();
    return new PartResult(partition, rows, loss.item() * (double) rows, NamedArrays.of(grads), buffers(model), null,
        null, 0);
  }

  /** {@code batches} local optimizer steps from the broadcast optimizer state; returns the trained state. */
  private PartResult localSteps(int partition, Module model, RoundInput in, Shard shard, int[] order, int first,
                                int batches) {
    Optimizer opt = config.optimizer().create(model.parameters(), 0f);
    opt.loadStateDict(in.optimizer().toTensors());
    int b = config.batchSize();
    long rows = 0;
    double lossSum = 0;
    for (int k = first; k < first + batches; k++) {
      Batch batch = shard.batch(order, k * b, Math.min(b, shard.size() - k * b), config.targetsAsColumn());
      Tensor loss = config.loss().compute(model.forward(batch.x()), batch.y());
      loss.backward();
      opt.step();
      opt.zeroGrad();
      lossSum += loss.item() * (double) batch.size();
      rows += batch.size();
    }
    Map<String, Tensor> params = new LinkedHashMap<>(model.namedParameters());
    return new PartResult(partition, rows, lossSum, NamedArrays.of(params), buffers(model),
        NamedArrays.of(opt.stateDict()), null, 0);
  }

  /** The model's state entries that are not parameters (e.g. running statistics). */
  static NamedArrays buffers(Module model) {
    Map<String, Tensor> state = model.stateDict();
    state.keySet().removeAll(model.namedParameters().keySet());
    return NamedArrays.of(state);
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
