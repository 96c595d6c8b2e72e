package dev.jfastai.data;

import dev.jfastai.tensor.Tensor;
import java.util.Arrays;
import java.util.Optional;

/**
 * Same-sized images with their labels, kept as the unsigned bytes they were decoded to (a quarter of the memory of
 * float32, as fastai keeps uint8 images until it makes a batch): item {@code i}, and every batch a {@link DataLoader}
 * makes, is turned into floats {@code v / 255}, normalized when a {@link Normalize} is given. Made by
 * {@link ImageDataLoaders}.
 */
public final class ImageDataset implements Dataset<Batch> {
  private final byte[] pixels;
  private final int[] itemShape;
  private final int itemSize;
  private final float[] labels;
  private final Normalize normalize;
  /** Per channel, the float each byte value becomes. */
  private final float[][] tables;

  /** {@code pixels} [n, C, H, W] as unsigned bytes, {@code itemShape} [C, H, W], one label per image. */
  ImageDataset(byte[] pixels, int[] itemShape, float[] labels, Normalize normalize) {
    this.pixels = pixels;
    this.itemShape = itemShape.clone();
    this.itemSize = itemShape[0] * itemShape[1] * itemShape[2];
    this.labels = labels;
    this.normalize = normalize;
    if ((long) labels.length * itemSize != pixels.length) {
      throw new IllegalArgumentException("ImageDataset: " + labels.length + " labels for " + pixels.length
          + " bytes of images " + Arrays.toString(itemShape));
    }
    tables = new float[itemShape[0]][];
    for (int c = 0; c < tables.length; c++) {
      tables[c] = normalize == null ? Normalize.unitTable() : normalize.byteTable(c);
    }
  }

  @Override
  public int size() {
    return labels.length;
  }

  /** Image {@code i} as floats [C, H, W] and its label, a scalar. */
  @Override
  public Batch get(int i) {
    Batch one = rows(new int[] {i}, 0, 1);
    return new Batch(one.x().get(0), one.y().get(0));
  }

  /** Every image as floats [N, C, H, W]: a new tensor, four times the memory this dataset holds them in. */
  public Tensor x() {
    return rows(null, 0, labels.length).x();
  }

  /** Every label [N] (a class index as a float): a new tensor. */
  public Tensor y() {
    return Tensor.of(labels, labels.length);
  }

  /** The normalization applied to every image, if any. */
  public Optional<Normalize> normalize() {
    return Optional.ofNullable(normalize);
  }

  /**
   * Items {@code order[start..start+count)} (or {@code start..start+count)} when {@code order} is null) as one batch
   * in new tensors: x [count, C, H, W], y [count].
   */
  public Batch rows(int[] order, int start, int count) {
    if (start < 0 || count < 0 || start + count > (order == null ? labels.length : order.length)) {
      throw new IndexOutOfBoundsException("ImageDataset: rows " + start + ".." + (start + count) + " of "
          + (order == null ? labels.length : order.length));
    }
    int plane = itemShape[1] * itemShape[2];
    float[] x = new float[Math.multiplyExact(count, itemSize)];
    float[] y = new float[count];
    for (int k = 0; k < count; k++) {
      int item = order == null ? start + k : order[start + k];
      y[k] = labels[item];
      int src = item * itemSize;
      int dst = k * itemSize;
      for (int c = 0; c < tables.length; c++) {
        float[] table = tables[c];
        for (int p = 0; p < plane; p++) x[dst + p] = table[pixels[src + p] & 0xFF];
        src += plane;
        dst += plane;
      }
    }
    return new Batch(Tensor.wrap(x, count, itemShape[0], itemShape[1], itemShape[2]), Tensor.wrap(y, count));
  }
}
