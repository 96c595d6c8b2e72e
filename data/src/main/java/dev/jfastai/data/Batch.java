package dev.jfastai.data;

import dev.jfastai.tensor.Tensor;
import java.util.Objects;

/**
 * Inputs and targets that go together: a mini-batch {@code (xb, yb)} from a {@link DataLoader}, whose dim 0
 * counts the rows, or a single item {@code (x, y)} of a {@link TensorDataset}.
 */
public record Batch(Tensor x, Tensor y) {
  public Batch {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
  }

  /** The number of rows of a collated batch: dim 0 of {@code x}. */
  public int size() {
    if (x.dim() == 0) throw new IllegalStateException("size: x is a scalar, not a batch of rows");
    return x.size(0);
  }
}
