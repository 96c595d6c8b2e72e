package dev.jfastai.spark.internal;

import dev.jfastai.data.Batch;
import dev.jfastai.nn.Module;
import dev.jfastai.tensor.NoGrad;
import dev.jfastai.tensor.Tensor;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/** One partition's validation: the loss and every metric summed over its rows, in eval mode without gradients. */
public final class ValidationTask implements Function2<Integer, Iterator<Shard>, Iterator<PartResult>> {
  private static final long serialVersionUID = 1L;
  private final TrainConfig config;
  private final Broadcast<RoundInput> input;

  public ValidationTask(TrainConfig config, Broadcast<RoundInput> input) {
    this.config = config;
    this.input = input;
  }

  @Override
  @SuppressWarnings("try") // the NoGrad scope is used only for its close()
  public Iterator<PartResult> call(Integer partition, Iterator<Shard> shards) {
    double[] metricSums = new double[config.metrics().size()];
    if (!shards.hasNext()) return List.of(new PartResult(partition, 0, 0, null, null, null, metricSums, 0)).iterator();
    Shard shard = shards.next();
    Module model = config.model().create();
    model.loadStateDict(input.value().model().toTensors());
    model.eval();
    double lossSum = 0;
    int b = config.validBatchSize();
    try (NoGrad ignored = Tensor.noGrad()) {
      for (int start = 0; start < shard.size(); start += b) {
        Batch batch = shard.batch(null, start, Math.min(b, shard.size() - start), config.targetsAsColumn());
        Tensor pred = model.forward(batch.x());
        int rows = batch.size();
        lossSum += config.loss().compute(pred, batch.y()).item() * (double) rows;
        for (int m = 0; m < metricSums.length; m++) {
          metricSums[m] += config.metrics().get(m).function().compute(pred, batch.y()) * rows;
        }
      }
    }
    return List.of(new PartResult(partition, shard.size(), lossSum, null, null, null, metricSums, 0)).iterator();
  }
}
