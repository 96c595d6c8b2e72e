package dev.jfastai.data;

import dev.jfastai.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Rows of two tensors paired up, the chapter's {@code list(zip(train_x, train_y))}: item {@code i} is
 * {@code Batch(x[i], y[i])}, views sharing the tensors' storage. A {@link DataLoader} collates its batches
 * straight from the tensors' arrays.
 */
public record TensorDataset(Tensor x, Tensor y) implements Dataset<Batch> {
  public TensorDataset {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    if (x.dim() == 0 || y.dim() == 0 || x.size(0) != y.size(0)) {
      throw new IllegalArgumentException("TensorDataset: x and y need the same number of rows (dim 0), got shapes "
          + Arrays.toString(x.shape()) + " and " + Arrays.toString(y.shape()));
    }
  }

  @Override
  public int size() {
    return x.size(0);
  }

  @Override
  public Batch get(int i) {
    return new Batch(x.get(i), y.get(i));
  }
}
