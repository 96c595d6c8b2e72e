package dev.jfastai.nn;

import dev.jfastai.tensor.BatchNormOptions;
import dev.jfastai.tensor.NnFunctional;
import dev.jfastai.tensor.NoGrad;
import dev.jfastai.tensor.Tensor;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * What {@link BatchNorm1d} and {@link BatchNorm2d} share, PyTorch's {@code _BatchNorm}: per-channel weight and bias
 * (when affine), buffers {@code running_mean}, {@code running_var} and the int64 {@code num_batches_tracked} (when
 * tracking), batch statistics in training and running statistics in evaluation.
 */
abstract class BatchNormLayer extends Module {
  private final int numFeatures;
  private final double eps;
  private final double momentum;
  private final Tensor weight;
  private final Tensor bias;
  private final Tensor runningMean;
  private final Tensor runningVar;
  private final Tensor numBatchesTracked;
  /** The op's settings with batch statistics (training, or no running stats) and with the running ones. */
  private final BatchNormOptions batchStatsOptions;
  private final BatchNormOptions runningStatsOptions;

  BatchNormLayer(BatchNormBuilder<?> b) {
    this.numFeatures = b.numFeatures();
    this.eps = b.eps();
    this.momentum = b.momentum();
    this.batchStatsOptions = BatchNormOptions.builder().training(true).momentum(momentum).eps(eps).build();
    this.runningStatsOptions = BatchNormOptions.builder().training(false).momentum(momentum).eps(eps).build();
    this.weight = b.affine() ? registerParameter("weight", Tensor.ones(numFeatures)) : null;
    this.bias = b.affine() ? registerParameter("bias", Tensor.zeros(numFeatures)) : null;
    if (b.trackRunningStats()) {
      this.runningMean = registerBuffer("running_mean", Tensor.zeros(numFeatures));
      this.runningVar = registerBuffer("running_var", Tensor.ones(numFeatures));
      this.numBatchesTracked = registerIntegerBuffer("num_batches_tracked", Tensor.scalar(0f));
    } else {
      this.runningMean = null;
      this.runningVar = null;
      this.numBatchesTracked = null;
    }
  }

  /** Whether {@code shape} has a rank this layer accepts. */
  abstract boolean acceptsRank(int rank);

  /** The expected input, for error messages (e.g. {@code [N, C, H, W]}). */
  abstract String expectedInput();

  @Override
  protected final boolean isNormalization() {
    return true;
  }

  /** Its output is a new tensor, and it keeps neither that nor its input (only the running statistics). */
  @Override
  public final boolean keepsActivations() {
    return false;
  }

  @Override
  public final Tensor forward(Tensor input) {
    int[] s = input.shape();
    if (!acceptsRank(s.length) || s[1] != numFeatures) {
      throw new IllegalArgumentException(getClass().getSimpleName() + "(" + numFeatures + "): expected input "
          + expectedInput() + " with C = " + numFeatures + ", got " + Arrays.toString(s));
    }
    boolean useBatchStats = isTraining() || runningMean == null;
    if (isTraining() && numBatchesTracked != null) {
      try (NoGrad ignored = Tensor.noGrad()) {
        numBatchesTracked.fillInPlace(numBatchesTracked.item() + 1);
      }
    }
    return NnFunctional.batchNorm(input, runningMean, runningVar, weight, bias,
        useBatchStats ? batchStatsOptions : runningStatsOptions);
  }

  public final int numFeatures() {
    return numFeatures;
  }

  /** The running mean buffer (live); throws if the layer does not track running statistics. */
  public final Tensor runningMean() {
    return tracked(runningMean);
  }

  /** The running (unbiased) variance buffer (live); throws if the layer does not track running statistics. */
  public final Tensor runningVar() {
    return tracked(runningVar);
  }

  /** The number of training batches seen, PyTorch's int64 {@code num_batches_tracked}. */
  public final long numBatchesTracked() {
    return (long) tracked(numBatchesTracked).item();
  }

  /** The live per-channel scale; throws unless affine. */
  public final Tensor weight() {
    return affine(weight);
  }

  /** The live per-channel shift; throws unless affine. */
  public final Tensor bias() {
    return affine(bias);
  }

  private Tensor tracked(Tensor t) {
    if (t == null) {
      throw new IllegalStateException(getClass().getSimpleName() + ": built with trackRunningStats(false)");
    }
    return t;
  }

  private Tensor affine(Tensor t) {
    if (t == null) throw new IllegalStateException(getClass().getSimpleName() + ": built with affine(false)");
    return t;
  }

  @Override
  protected final String extraRepr() {
    return numFeatures + ", eps=" + pythonFloat(eps) + ", momentum=" + pythonFloat(momentum) + ", affine="
        + (weight != null ? "True" : "False") + ", track_running_stats=" + (runningMean != null ? "True" : "False");
  }

  /** A double as Python's {@code repr} writes it ({@code 1e-05}, {@code 0.1}), as PyTorch's module repr shows it. */
  static String pythonFloat(double v) {
    if (v == 0) return "0.0";
    int exponent = (int) Math.floor(Math.log10(Math.abs(v)));
    if (exponent >= -4 && exponent < 16) {
      String plain = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    String java = Double.toString(v); // e.g. 1.0E-5
    int e = java.indexOf('E');
    String mantissa = java.substring(0, e);
    if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
    int exp = Integer.parseInt(java.substring(e + 1));
    return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  }
}
