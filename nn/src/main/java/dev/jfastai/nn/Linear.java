package dev.jfastai.nn;

import dev.jfastai.nn.internal.Seeds;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.util.Arrays;

/**
 * A fully connected layer, {@code y = x W^T + b}, with PyTorch's default initialisation: weight
 * kaiming-uniform(a = sqrt(5)) and bias U(-1/sqrt(in), 1/sqrt(in)). Accepts inputs of any rank whose last
 * dimension is {@code in}, like {@code torch.nn.Linear}.
 */
public final class Linear extends Module {
  private final int inFeatures;
  private final int outFeatures;
  private final Tensor weight;
  private final Tensor bias;

  /** A layer with bias, initialised from fresh entropy (not reproducible: pass a {@link Generator} for that). */
  public Linear(int inFeatures, int outFeatures) {
    this(inFeatures, outFeatures, true);
  }

  /** A layer initialised from fresh entropy (not reproducible: pass a {@link Generator} for that). */
  public Linear(int inFeatures, int outFeatures, boolean bias) {
    this(inFeatures, outFeatures, bias, Seeds.freshGenerator());
  }

  /** A layer initialised from {@code g}: the same seed gives the same weights. */
  public Linear(int inFeatures, int outFeatures, boolean bias, Generator g) {
    if (inFeatures <= 0 || outFeatures <= 0) {
      throw new IllegalArgumentException("Linear: in and out features must be positive, got in=" + inFeatures
          + ", out=" + outFeatures);
    }
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.weight = registerParameter("weight",
        Init.kaimingUniform(Tensor.zeros(outFeatures, inFeatures), Math.sqrt(5), FanMode.FAN_IN, g));
    if (bias) {
      double bound = 1 / Math.sqrt(inFeatures);
      this.bias = registerParameter("bias", Init.uniform(Tensor.zeros(outFeatures), -bound, bound, g));
    } else {
      this.bias = null;
    }
  }

  /** The live weight parameter, shape [out, in]. */
  public Tensor weight() {
    return weight;
  }

  /** The live bias parameter, shape [out], or null for a layer built without bias. */
  public Tensor bias() {
    return bias;
  }

  public int inFeatures() {
    return inFeatures;
  }

  public int outFeatures() {
    return outFeatures;
  }

  @Override
  public Tensor forward(Tensor input) {
    int[] shape = input.shape();
    if (shape.length == 0 || shape[shape.length - 1] != inFeatures) {
      throw new IllegalArgumentException("Linear(in_features=" + inFeatures + ", out_features=" + outFeatures
          + "): input shape " + Arrays.toString(shape) + " must end with " + inFeatures + " features");
    }
    if (shape.length == 2) return Tensor.linear(input, weight, bias);
    // Other ranks go through the 2-D kernel: [..., in] -> [rows, in] -> [rows, out] -> [..., out].
    int[] outShape = shape.clone();
    outShape[shape.length - 1] = outFeatures;
    return Tensor.linear(input.reshape(-1, inFeatures), weight, bias).reshape(outShape);
  }

  @Override
  protected String extraRepr() {
    return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True"
        : "False");
  }
}
