package dev.jfastai.spark.internal;

import dev.jfastai.data.Batch;
import dev.jfastai.spark.Sample;
import dev.jfastai.tensor.Tensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** One partition's samples packed into two flat arrays: the single cached element of its partition. */
public record Shard(int size, int features, float[] x, float[] y) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Packs a partition's samples; every sample must have the same number of features. */
  public static Shard pack(Iterator<Sample> samples) {
    List<Sample> all = new ArrayList<>();
    samples.forEachRemaining(all::add);
    int features = all.isEmpty() ? 0 : all.get(0).features().length;
    float[] x = new float[all.size() * features];
    float[] y = new float[all.size()];
    for (int i = 0; i < all.size(); i++) {
      float[] f = all.get(i).features();
      if (f.length != features) {
        throw new IllegalArgumentException("sample " + i + " of a partition has " + f.length
            + " features but the first one has " + features + "; every sample needs the same number");
      }
      System.arraycopy(f, 0, x, i * features, features);
      y[i] = all.get(i).target();
    }
    return new Shard(all.size(), features, x, y);
  }

  /** Rows {@code order[start..start+count)} (or {@code start..} when order is null) as a batch. */
  public Batch batch(int[] order, int start, int count, boolean targetsAsColumn) {
    float[] bx = new float[count * features];
    float[] by = new float[count];
    for (int k = 0; k < count; k++) {
      int row = order == null ? start + k : order[start + k];
      System.arraycopy(x, row * features, bx, k * features, features);
      by[k] = y[row];
    }
    Tensor yb = targetsAsColumn ? Tensor.wrap(by, count, 1) : Tensor.wrap(by, count);
    return new Batch(Tensor.wrap(bx, count, features), yb);
  }
}
