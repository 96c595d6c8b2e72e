package dev.jfastai.examples.chapter4;

import dev.jfastai.data.Batch;
import dev.jfastai.examples.internal.PyFormat;
import dev.jfastai.nn.LossFunction;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.optim.Optimizer;
import dev.jfastai.tensor.NoGrad;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * The chapter's building blocks, {@code calc_grad}, {@code train_epoch}, {@code batch_accuracy} and
 * {@code validate_epoch}, shared by the plain loop ({@link PlainTrainingLoop}) and {@link BasicLearner}.
 */
public final class TrainingSteps {
  private TrainingSteps() {}

  /** {@code calc_grad}: forward, loss, backward; returns the (detached) batch loss. */
  public static float calcGrad(Module model, LossFunction lossFunc, Tensor xb, Tensor yb) {
    Tensor loss = lossFunc.compute(model.forward(xb), yb);
    loss.backward();
    return loss.item();
  }

  /** {@code train_epoch}: one optimizer step per batch; returns the mean of the batch losses (there must be one). */
  public static double trainEpoch(Module model, LossFunction lossFunc, Optimizer opt, Iterable<Batch> batches) {
    double sum = 0;
    int n = 0;
    for (Batch batch : batches) {
      sum += calcGrad(model, lossFunc, batch.x(), batch.y());
      opt.step();
      opt.zeroGrad();
      n++;
    }
    if (n == 0) throw new IllegalArgumentException("trainEpoch: the loader gave no batches");
    return sum / n;
  }

  /** The chapter's {@code batch_accuracy}: share of rows where {@code sigmoid(pred) > 0.5} matches the 0/1 target. */
  public static Tensor batchAccuracy(Tensor xb, Tensor yb) {
    Tensor preds = xb.sigmoid();
    Tensor correct = preds.gt(0.5f).eq(yb);
    return correct.mean();
  }

  /**
   * {@code validate_epoch}: the metric of each batch, averaged over batches (not samples) in float32 like
   * {@code torch.stack(accs).mean()}, then rounded to 4 decimals.
   */
  public static double validateEpoch(Module model, Iterable<Batch> batches, BinaryOperator<Tensor> metric) {
    List<Tensor> values = new ArrayList<>();
    try (NoGrad ignored = Tensor.noGrad()) {
      for (Batch batch : batches) values.add(metric.apply(model.forward(batch.x()), batch.y()));
      if (values.isEmpty()) throw new IllegalArgumentException("validate_epoch: the validation set has no batches");
      return PyFormat.round(Tensor.stack(values, 0).mean().item(), 4);
    }
  }
}
