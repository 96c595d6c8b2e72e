package dev.jfastai.tensor;

import dev.jfastai.tensor.internal.ops.AdaptiveAvgPool2d;
import dev.jfastai.tensor.internal.ops.AvgPool2d;
import dev.jfastai.tensor.internal.ops.BatchNorm;
import dev.jfastai.tensor.internal.ops.Conv2d;
import dev.jfastai.tensor.internal.ops.MaxPool2d;
import java.util.Objects;

/**
 * The differentiable ops of convolutional networks, named as in {@code torch.nn.functional}: {@code conv2d},
 * {@code maxPool2d}, {@code avgPool2d}, {@code adaptiveAvgPool2d} and {@code batchNorm}, on NCHW float32 tensors.
 * The layers of {@code dev.jfastai.nn} call these; each is one op with its own backward.
 */
public final class NnFunctional {
  /** PyTorch's default running-stats momentum of batch norm. */
  public static final double BATCH_NORM_MOMENTUM = 0.1;
  /** PyTorch's default epsilon of batch norm. */
  public static final double BATCH_NORM_EPS = 1e-5;

  private NnFunctional() {}

  /** Convolution of input [N, C, H, W] with weight [OC, C, kh, kw]: stride 1, no padding, no bias. */
  public static Tensor conv2d(Tensor input, Tensor weight) {
    return conv2d(input, weight, Conv2dOptions.DEFAULTS);
  }

  /** Convolution of input [N, C, H, W] with weight [OC, C / groups, kh, kw], without bias. */
  public static Tensor conv2d(Tensor input, Tensor weight, Conv2dOptions options) {
    return new Conv2d(options).apply(input, weight);
  }

  /** Convolution of input [N, C, H, W] with weight [OC, C, kh, kw] plus bias [OC]: stride 1, no padding. */
  public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
    return conv2d(input, weight, bias, Conv2dOptions.DEFAULTS);
  }

  /** Convolution of input [N, C, H, W] with weight [OC, C / groups, kh, kw] plus bias [OC], as F.conv2d. */
  public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dOptions options) {
    return new Conv2d(options).apply(input, weight, Objects.requireNonNull(bias, "conv2d: bias"));
  }

  /** Max over {@code kernel x kernel} windows with stride {@code kernel}, no padding. */
  public static Tensor maxPool2d(Tensor input, int kernel) {
    return maxPool2d(input, Pool2dOptions.builder(kernel).build());
  }

  /** Max over windows of [N, C, H, W]; ties go to the first maximum in scan order, as PyTorch. */
  public static Tensor maxPool2d(Tensor input, Pool2dOptions options) {
    return new MaxPool2d(options).apply(input);
  }

  /** Mean over {@code kernel x kernel} windows with stride {@code kernel}, no padding. */
  public static Tensor avgPool2d(Tensor input, int kernel) {
    return avgPool2d(input, Pool2dOptions.builder(kernel).build());
  }

  /** Mean over windows of [N, C, H, W]; see {@link Pool2dOptions#countIncludePad()} for the divisor. */
  public static Tensor avgPool2d(Tensor input, Pool2dOptions options) {
    return new AvgPool2d(options).apply(input);
  }

  /** Mean pooling of [N, C, H, W] to [N, C, size, size]. */
  public static Tensor adaptiveAvgPool2d(Tensor input, int size) {
    return adaptiveAvgPool2d(input, size, size);
  }

  /** Mean pooling of [N, C, H, W] to [N, C, outHeight, outWidth], windows as PyTorch's. */
  public static Tensor adaptiveAvgPool2d(Tensor input, int outHeight, int outWidth) {
    return new AdaptiveAvgPool2d(outHeight, outWidth).apply(input);
  }

  /**
   * Batch norm of input [N, C, ...] without weight and bias; see
   * {@link #batchNorm(Tensor, Tensor, Tensor, Tensor, Tensor, BatchNormOptions)}.
   */
  public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, BatchNormOptions options) {
    return new BatchNorm(runningMean, runningVar, options.isTraining(), options.momentum(), options.eps())
        .apply(input);
  }

  /**
   * Batch norm of input [N, C, ...] per channel, as {@code F.batch_norm}: in training, normalizes with the batch's
   * mean and biased variance and updates the running stats [C] in place ({@code r = (1 - momentum) r + momentum s},
   * unbiased variance, no graph recorded); in evaluation, normalizes with the running stats. Then scales by weight
   * and adds bias [C]. The running stats may be null in training, as PyTorch's None (nothing is tracked).
   */
  public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                 BatchNormOptions options) {
    return new BatchNorm(runningMean, runningVar, options.isTraining(), options.momentum(), options.eps())
        .apply(input, weight, bias);
  }
}
