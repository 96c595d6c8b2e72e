package dev.jfastai.nn;

import dev.jfastai.nn.internal.Seeds;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;

/**
 * Inverted dropout: in training mode each element is zeroed with probability {@code p} and the survivors are scaled
 * by 1/(1-p), so evaluation mode is the identity. The mask comes from this layer's own {@link Generator}.
 */
public final class Dropout extends Module {
  private final float p; // float32, the precision of the mask comparison
  private final Generator generator;

  /** Dropout drawing its masks from fresh entropy (not reproducible: pass a {@link Generator} for that). */
  public Dropout(double p) {
    this(p, Seeds.freshGenerator());
  }

  /** Dropout drawing its masks from {@code g}, which it keeps and advances. */
  public Dropout(double p, Generator g) {
    if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("Dropout: p must be in [0, 1], got " + p);
    if (g == null) throw new IllegalArgumentException("Dropout: generator is null");
    this.p = (float) p;
    this.generator = g;
  }

  /** The drop probability, as stored (float32). */
  public double p() {
    return p;
  }

  @Override
  public Tensor forward(Tensor input) {
    if (!isTraining() || p == 0) return input;
    if (p == 1) return input.mul(0f); // every element dropped; keeps the graph (all-zero gradient)
    Tensor keep = Tensor.rand(generator, input.shape()).ge(p); // P(u >= p) = 1 - p
    return input.mul(keep.div(1 - p));
  }

  @Override
  protected String extraRepr() {
    return "p=" + p;
  }
}
