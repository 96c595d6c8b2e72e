package dev.jfastai.data.internal;

import dev.jfastai.data.Batch;
import dev.jfastai.data.Dataset;
import dev.jfastai.data.ImageDataset;
import dev.jfastai.data.TensorDataset;
import dev.jfastai.tensor.Tensor;
import java.util.Arrays;

/**
 * Turns dataset items into one batch without boxing a single value: consecutive rows of a {@link TensorDataset}
 * are a zero-copy read-only view, shuffled rows are gathered with {@code System.arraycopy}, and the items of any other
 * dataset are copied row by row from their tensors' arrays.
 */
public final class BatchCollator {
  /** What an in-place op on an unshuffled batch is told. */
  static final String READ_ONLY = "this batch is a read-only view of the dataset (an unshuffled DataLoader hands out "
      + "views of its rows, not copies); change a copy instead, e.g. learn.setXb(learn.xb().copy()) in a callback";

  private BatchCollator() {}

  /** The batch of items {@code order[start..start+count)}, or of items {@code start..start+count)} if order is null. */
  public static Batch collate(Dataset<Batch> dataset, int[] order, int start, int count) {
    if (dataset instanceof ImageDataset images) return images.rows(order, start, count);
    if (dataset instanceof TensorDataset t) {
      if (order == null) {
        return new Batch(readOnly(t.x().narrow(0, start, count)), readOnly(t.y().narrow(0, start, count)));
      }
      return new Batch(gatherRows(t.x(), order, start, count), gatherRows(t.y(), order, start, count));
    }
    Tensor[] xs = new Tensor[count];
    Tensor[] ys = new Tensor[count];
    for (int k = 0; k < count; k++) {
      int i = order == null ? start + k : order[start + k];
      Batch item = dataset.get(i);
      xs[k] = item.x();
      ys[k] = item.y();
    }
    return new Batch(stack(xs, "x", order, start), stack(ys, "y", order, start));
  }

  /** A view of the dataset's rows that refuses in-place ops, so that no callback can rewrite the dataset. */
  private static Tensor readOnly(Tensor rows) {
    return rows.readOnlyView(READ_ONLY);
  }

  /** Rows {@code order[start..start+count)} of {@code t} (dim 0), copied into a new tensor. */
  static Tensor gatherRows(Tensor t, int[] order, int start, int count) {
    int[] shape = t.shape();
    int rowLength = shape[0] == 0 ? 0 : t.numel() / shape[0];
    float[] src = t.array();
    int base = t.arrayOffset();
    float[] out = new float[count * rowLength];
    if (rowLength == 1) {
      for (int k = 0; k < count; k++) out[k] = src[base + order[start + k]];
    } else {
      for (int k = 0; k < count; k++) {
        System.arraycopy(src, base + order[start + k] * rowLength, out, k * rowLength, rowLength);
      }
    }
    shape[0] = count;
    return Tensor.wrap(out, shape);
  }

  private static Tensor stack(Tensor[] items, String what, int[] order, int start) {
    int[] itemShape = items[0].shape();
    int n = items[0].numel();
    int[] shape = new int[itemShape.length + 1];
    shape[0] = items.length;
    System.arraycopy(itemShape, 0, shape, 1, itemShape.length);
    Tensor batch = Tensor.zeros(shape); // refuses a batch too large for one array, naming its shape
    float[] out = batch.array();
    for (int k = 0; k < items.length; k++) {
      if (!Arrays.equals(items[k].shape(), itemShape)) {
        int i = order == null ? start + k : order[start + k];
        throw new IllegalArgumentException("DataLoader: item " + i + " has " + what + " of shape "
            + Arrays.toString(items[k].shape()) + " but the batch's first item has " + Arrays.toString(itemShape)
            + "; every item of a batch needs the same shape");
      }
      System.arraycopy(items[k].array(), items[k].arrayOffset(), out, k * n, n);
    }
    return batch;
  }
}
