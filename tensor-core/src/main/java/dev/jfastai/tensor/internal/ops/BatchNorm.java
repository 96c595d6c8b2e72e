package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.Shapes;
import dev.jfastai.tensor.internal.StoragePool;
import dev.jfastai.tensor.internal.kernels.ChannelAffine;
import dev.jfastai.tensor.internal.kernels.ChannelReductions;
import dev.jfastai.tensor.internal.kernels.FlatChannels;
import dev.jfastai.tensor.internal.kernels.PerChannel;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Batch normalization of x [N, C, ...] per channel c, fused: y = (x - mean) * invstd * weight + bias, with
 * invstd = 1 / sqrt(var + eps). Training uses the batch's mean and biased variance and updates the running stats in
 * place (r = (1 - momentum) r + momentum s, the variance unbiased); evaluation uses the running stats.
 * Inputs: x, then weight and bias when affine. Backward with xhat = (x - mean) * invstd, gy = g * weight and M
 * values per channel: training dx = invstd (gy - mean(gy) - xhat mean(gy xhat)), evaluation dx = gy invstd;
 * dweight = sum(g xhat), dbias = sum(g). Small planes (fewer than 16 values per channel and image) take
 * {@link FlatChannels}' passes over whole images instead of one channel at a time.
 */
public final class BatchNorm extends BuiltInOp {
  private final Tensor runningMean;
  private final Tensor runningVar;
  private final boolean training;
  private final double momentum;
  private final double eps;
  private Tensor x;
  private Tensor weight;
  private int channels;
  private int inner;
  private float[] mean;
  private float[] invstd;

  /** The running stats may be absent (null) only in training, where they are then not tracked. */
  public BatchNorm(Tensor runningMean, Tensor runningVar, boolean training, double momentum, double eps) {
    this.runningMean = runningMean;
    this.runningVar = runningVar;
    this.training = training;
    this.momentum = momentum;
    this.eps = eps;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    x = save(in[0]);
    weight = save(in.length > 1 ? in[1] : null);
    Tensor bias = in.length > 2 ? in[2] : null;
    int[] xs = x.shape();
    check(xs, weight, bias);
    channels = xs[1];
    inner = 1;
    for (int d = 2; d < xs.length; d++) inner *= xs[d];
    mean = new float[channels];
    invstd = new float[channels];
    int batch = xs[0];
    if (training && (double) batch * inner <= 1) {
      throw new IllegalArgumentException("batchNorm: training needs more than one value per channel, got input "
          + Shapes.str(xs));
    }
    float[] xa = x.array();
    float[] y = StoragePool.take(x.numel()); // every element is written below
    if (inner <= FlatChannels.MAX_INNER) {
      forwardFlat(batch, bias, y);
      return Tensor.wrap(y, xs);
    }
    // one channel at a time, statistics then output: the channel's values are still in cache for the second pass
    IntConsumer normalize = c -> {
      float scale = scale(c);
      float shift = shift(c, bias, scale);
      ChannelAffine.affine(xa, x.arrayOffset() + c * inner, y, c * inner, inner, channels * inner, batch, scale, shift);
    };
    // two lambdas, not one testing `training`: validation would otherwise meet a branch C2 compiled away
    if (training) {
      PerChannel.forEach(channels, 3L * x.numel(), c -> {
        channelStatistics(c, batch);
        normalize.accept(c);
      });
    } else {
      runningStatistics();
      PerChannel.forEach(channels, x.numel(), normalize);
    }
    return Tensor.wrap(y, xs);
  }

  private void forwardFlat(int batch, Tensor bias, float[] y) {
    float[] xa = x.array();
    if (training) {
      double count = (double) batch * inner;
      double[] sums = FlatChannels.sums(xa, x.arrayOffset(), batch, channels, inner);
      double[] means = new double[channels];
      for (int c = 0; c < channels; c++) means[c] = sums[c] / count;
      double[] squares = FlatChannels.squaredDeviations(xa, x.arrayOffset(), batch, channels, inner, means);
      for (int c = 0; c < channels; c++) statistics(c, batch, sums[c], squares[c]);
    } else {
      runningStatistics();
    }
    float[] scale = new float[channels];
    float[] shift = new float[channels];
    for (int c = 0; c < channels; c++) {
      scale[c] = scale(c);
      shift[c] = shift(c, bias, scale[c]);
    }
    FlatChannels.affine(xa, x.arrayOffset(), y, 0, batch, channels, inner, scale, shift);
  }

  /** Channel c's factor of x - mean in y, and of the gradient in dx: invstd times the weight. */
  private float scale(int c) {
    return weight == null ? invstd[c] : invstd[c] * at(weight, c);
  }

  /** Channel c's term of y = x * scale + shift: the bias less the mean's share. */
  private float shift(int c, Tensor bias, float scale) {
    return (bias == null ? 0f : at(bias, c)) - mean[c] * scale;
  }

  private void runningStatistics() {
    for (int c = 0; c < channels; c++) {
      mean[c] = at(runningMean, c);
      invstd[c] = (float) (1 / Math.sqrt(at(runningVar, c) + eps));
    }
  }

  /** dx, dweight and dbias are each written in full into an array of their own. */
  @Override
  protected boolean returnsFreshGradients() {
    return true;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    int batch = x.size(0);
    double count = (double) batch * inner;
    double[] sumG = new double[channels];
    double[] sumGxhat = new double[channels];
    float[] xa = x.array();
    float[] ga = g.array();
    int gOff = g.arrayOffset();
    int xOff = x.arrayOffset();
    float[] dx = needsInputGrad(0) ? gradientBuffer(0, x.numel()) : null; // every element is written below
    if (inner <= FlatChannels.MAX_INNER) {
      FlatChannels.gradientSums(ga, gOff, xa, xOff, batch, channels, inner, mean, invstd, sumG, sumGxhat);
      if (dx != null) inputGradientFlat(batch, count, sumG, sumGxhat, ga, gOff, dx);
    } else {
      // one channel at a time, sums then dx: the channel's values are still in cache for the second pass
      PerChannel.forEach(channels, 3L * x.numel(), c -> {
        int stride = channels * inner;
        double[] sums = new double[2];
        ChannelReductions.gradientSums(ga, gOff + c * inner, xa, xOff + c * inner, inner, stride, batch, mean[c],
            invstd[c], sums);
        sumG[c] = sums[0];
        sumGxhat[c] = sums[1];
        if (dx != null) inputGradient(c, batch, (float) (sumG[c] / count), (float) (sumGxhat[c] / count), ga, gOff, dx);
      });
    }
    Tensor gx = dx == null ? null : Tensor.wrap(dx, x.shape());
    Tensor gw = needsInputGrad(1) ? Tensor.wrap(toFloats(sumGxhat), channels) : null;
    Tensor gb = needsInputGrad(2) ? Tensor.wrap(toFloats(sumG), channels) : null;
    return new Tensor[] {gx, gw, gb};
  }

  private void inputGradientFlat(int batch, double count, double[] sumG, double[] sumGxhat, float[] ga, int gOff,
                                 float[] dx) {
    float[] scale = new float[channels];
    float[] meanG = new float[channels];
    float[] meanGxhat = new float[channels];
    for (int c = 0; c < channels; c++) {
      scale[c] = scale(c);
      meanG[c] = (float) (sumG[c] / count);
      meanGxhat[c] = (float) (sumGxhat[c] / count);
    }
    if (training) {
      FlatChannels.inputGradient(ga, gOff, x.array(), x.arrayOffset(), dx, batch, channels, inner, mean, invstd,
          scale, meanG, meanGxhat);
    } else {
      float[] minusZero = new float[channels];
      Arrays.fill(minusZero, -0f); // x + -0 is x
      FlatChannels.affine(ga, gOff, dx, 0, batch, channels, inner, scale, minusZero);
    }
  }

  /** Channel c of dx, given the means of g and of g * xhat over the channel. */
  private void inputGradient(int c, int batch, float meanG, float meanGxhat, float[] ga, int gOff, float[] dx) {
    float scale = scale(c);
    int stride = channels * inner;
    if (training) {
      ChannelAffine.inputGradient(ga, gOff + c * inner, x.array(), x.arrayOffset() + c * inner, dx, c * inner, inner,
          stride, batch, mean[c], invstd[c], scale, meanG, meanGxhat);
    } else {
      ChannelAffine.affine(ga, gOff + c * inner, dx, c * inner, inner, stride, batch, scale, -0f); // x + -0 is x
    }
  }

  /** Channel c's batch mean and invstd, and its running stats' update. */
  private void channelStatistics(int c, int batch) {
    double count = (double) batch * inner;
    float[] xa = x.array();
    int from = x.arrayOffset() + c * inner;
    double sum = ChannelReductions.sum(xa, from, inner, channels * inner, batch);
    double squares = ChannelReductions.squaredDeviations(xa, from, inner, channels * inner, batch, sum / count);
    statistics(c, batch, sum, squares);
  }

  /** Channel c's mean and invstd from its sum and squared deviations, and its running stats' update. */
  private void statistics(int c, int batch, double sum, double squares) {
    double count = (double) batch * inner;
    mean[c] = (float) (sum / count);
    double variance = squares / count;
    invstd[c] = (float) (1 / Math.sqrt(variance + eps));
    if (runningMean != null) {
      int m = runningMean.arrayOffset() + c;
      int v = runningVar.arrayOffset() + c;
      runningMean.array()[m] = (float) ((1 - momentum) * runningMean.array()[m] + momentum * sum / count);
      runningVar.array()[v] = (float) ((1 - momentum) * runningVar.array()[v]
          + momentum * variance * count / (count - 1));
    }
  }

  private void check(int[] xs, Tensor w, Tensor b) {
    if (xs.length < 2 || xs[1] == 0) {
      throw new IllegalArgumentException("batchNorm: expects input [N, C] or [N, C, ...], got " + Shapes.str(xs));
    }
    if (!training && (runningMean == null || runningVar == null)) {
      throw new IllegalArgumentException("batchNorm: evaluation mode needs the running mean and variance");
    }
    checkPerChannel("running mean", runningMean, xs);
    checkPerChannel("running variance", runningVar, xs);
    checkPerChannel("weight", w, xs);
    checkPerChannel("bias", b, xs);
    if (runningMean != null && (runningMean.requiresGrad() || runningVar.requiresGrad())) {
      throw new IllegalArgumentException("batchNorm: the running stats are buffers updated in place and must not"
          + " require grad");
    }
  }

  private static void checkPerChannel(String what, Tensor t, int[] xs) {
    if (t != null && (t.dim() != 1 || t.size(0) != xs[1])) {
      throw new IllegalArgumentException("batchNorm: " + what + " must be [C] = [" + xs[1] + "] for input "
          + Shapes.str(xs) + ", got " + Shapes.str(t.shape()));
    }
  }

  private static float at(Tensor t, int i) {
    return t.array()[t.arrayOffset() + i];
  }

  private static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) out[i] = (float) values[i];
    return out;
  }
}
