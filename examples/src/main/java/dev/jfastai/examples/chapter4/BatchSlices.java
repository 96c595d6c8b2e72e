package dev.jfastai.examples.chapter4;

import dev.jfastai.data.Batch;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Batches cut once as views of whole tensors, in order ({@code x[i:i+bs], y[i:i+bs]}): what the PyTorch reference's
 * {@code --fast} mode feeds the plain loop, and the same batches an unshuffled DataLoader would give.
 */
public final class BatchSlices {
  private BatchSlices() {}

  public static List<Batch> of(Tensor x, Tensor y, int batchSize) {
    if (batchSize <= 0) throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
    if (x.size(0) != y.size(0)) {
      throw new IllegalArgumentException("x has " + x.size(0) + " rows but y has " + y.size(0));
    }
    List<Batch> batches = new ArrayList<>();
    int n = x.size(0);
    for (int start = 0; start < n; start += batchSize) {
      int len = Math.min(batchSize, n - start);
      batches.add(new Batch(x.narrow(0, start, len), y.narrow(0, start, len)));
    }
    return batches;
  }
}
