package dev.jfastai.nn;

import dev.jfastai.nn.internal.BceWithLogitsFunction;
import dev.jfastai.nn.internal.LogSoftmaxFunction;
import dev.jfastai.nn.internal.MnistLossFunction;
import dev.jfastai.tensor.Tensor;
import java.util.Arrays;

/**
 * Loss functions with PyTorch's semantics (mean reduction), and the (log-)softmax ops they build on. Each loss is a
 * {@link LossFunction} by method reference: {@code Losses::mse}. Element-wise losses require pred and target of the
 * same shape rather than broadcasting them, which would silently turn [N, 1] vs [N] into an [N, N] loss.
 */
public final class Losses {
  private Losses() {}

  /**
   * The chapter's MNIST loss: mean(where(target == 1, 1 - sigmoid(pred), sigmoid(pred))), computed by one fused op
   * that gives the same bits as that formula, values and gradients.
   */
  public static Tensor mnistLoss(Tensor pred, Tensor target) {
    requireSameShape("mnistLoss", pred, target);
    return new MnistLossFunction().apply(pred, target);
  }

  /** Mean squared error, PyTorch's {@code F.mse_loss}. */
  public static Tensor mse(Tensor pred, Tensor target) {
    requireSameShape("mse", pred, target);
    return pred.sub(target).pow(2f).mean();
  }

  /** Mean absolute error, PyTorch's {@code F.l1_loss}. */
  public static Tensor l1(Tensor pred, Tensor target) {
    requireSameShape("l1", pred, target);
    return pred.sub(target).abs().mean();
  }

  /**
   * Binary cross-entropy on logits, {@code F.binary_cross_entropy_with_logits}: computed as
   * max(x, 0) - x t + log(1 + exp(-|x|)), so large logits neither overflow nor lose the gradient sigmoid(x) - t.
   * Targets are probabilities in [0, 1].
   */
  public static Tensor bceWithLogits(Tensor pred, Tensor target) {
    requireSameShape("bceWithLogits", pred, target);
    return new BceWithLogitsFunction().apply(pred, target).mean();
  }

  /**
   * Cross-entropy of logits {@code pred} [N, C] against class indices {@code target} [N] (floats holding integers):
   * {@code nll(logSoftmax(pred, 1), target)}, PyTorch's {@code F.cross_entropy}.
   */
  public static Tensor crossEntropy(Tensor pred, Tensor target) {
    requireClassification("crossEntropy", pred, target);
    return nll(logSoftmax(pred, 1), target);
  }

  /**
   * Negative log-likelihood of log-probabilities {@code logProbs} [N, C] at class indices {@code target} [N]:
   * -mean(logProbs[i, target[i]]), PyTorch's {@code F.nll_loss}.
   */
  public static Tensor nll(Tensor logProbs, Tensor target) {
    requireClassification("nll", logProbs, target);
    int n = logProbs.size(0);
    int c = logProbs.size(1);
    float[] labels = target.array();
    int off = target.arrayOffset();
    float[] oneHot = new float[n * c];
    for (int i = 0; i < n; i++) {
      float label = labels[off + i];
      if (!(label >= 0 && label < c && label == Math.rint(label))) {
        throw new IllegalArgumentException("nll: target[" + i + "] = " + label + " is not a class index in [0, " + c
            + ") for predictions of shape " + Arrays.toString(logProbs.shape()));
      }
      oneHot[i * c + (int) label] = 1f;
    }
    // Picks logProbs[i, target[i]] by masking: clear, and the gradient is the mask itself.
    return logProbs.mul(Tensor.wrap(oneHot, n, c)).sum().div((float) -n);
  }

  /** log(softmax(x)) along {@code dim}, computed stably (max subtracted) by a fused op with its own backward. */
  public static Tensor logSoftmax(Tensor x, int dim) {
    return new LogSoftmaxFunction(dim).apply(x);
  }

  /** softmax along {@code dim}, stable for large inputs: exp(logSoftmax(x, dim)). */
  public static Tensor softmax(Tensor x, int dim) {
    return logSoftmax(x, dim).exp();
  }

  private static void requireSameShape(String loss, Tensor pred, Tensor target) {
    if (!Arrays.equals(pred.shape(), target.shape())) {
      throw new IllegalArgumentException(loss + ": pred shape " + Arrays.toString(pred.shape())
          + " and target shape " + Arrays.toString(target.shape()) + " differ; reshape one to match the other");
    }
  }

  private static void requireClassification(String loss, Tensor pred, Tensor target) {
    if (pred.dim() != 2 || target.dim() != 1 || target.size(0) != pred.size(0)) {
      throw new IllegalArgumentException(loss + ": expected pred [N, C] and target [N] of class indices, got pred "
          + Arrays.toString(pred.shape()) + " and target " + Arrays.toString(target.shape()));
    }
  }
}
