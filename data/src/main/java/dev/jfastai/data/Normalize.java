package dev.jfastai.data;

import dev.jfastai.data.internal.Luma;
import dev.jfastai.tensor.Tensor;
import java.util.Arrays;

/**
 * fastai's {@code Normalize}: per-channel {@code (x - mean) / std} on NCHW image batches. Stats are given
 * ({@code Normalize.from_stats}) or computed from images, like fastai: the mean and the unbiased standard deviation
 * over batch, height and width, plus 1e-7.
 */
public record Normalize(double[] mean, double[] std) {
  public Normalize {
    if (mean.length == 0 || mean.length != std.length) {
      throw new IllegalArgumentException("Normalize: need one mean and one std per channel, got "
          + mean.length + " means and " + std.length + " stds");
    }
    for (double s : std) {
      if (!(s > 0)) throw new IllegalArgumentException("Normalize: every std must be > 0, got " + Arrays.toString(std));
    }
    mean = mean.clone();
    std = std.clone();
  }

  /** The stats of {@code images} [N, C, H, W], per channel. */
  public static Normalize fromImages(Tensor images) {
    int[] s = checkNchw(images, 0);
    float[] a = images.array();
    int off = images.arrayOffset();
    int plane = s[2] * s[3];
    double[] mean = new double[s[1]];
    double[] std = new double[s[1]];
    long count = (long) s[0] * plane;
    for (int c = 0; c < s[1]; c++) {
      double sum = 0;
      for (int n = 0; n < s[0]; n++) {
        for (int i = 0, base = off + (n * s[1] + c) * plane; i < plane; i++) sum += a[base + i];
      }
      double m = sum / count;
      double sq = 0;
      for (int n = 0; n < s[0]; n++) {
        for (int i = 0, base = off + (n * s[1] + c) * plane; i < plane; i++) {
          double d = a[base + i] - m;
          sq += d * d;
        }
      }
      mean[c] = m;
      std[c] = Math.sqrt(sq / Math.max(1, count - 1)) + 1e-7;
    }
    return new Normalize(mean, std);
  }

  /**
   * The stats of {@code n} images of unsigned bytes stored NCHW, each read as {@code v / 255} as the floats hold:
   * from a histogram of the 256 values per channel, one pass over the bytes instead of two over floats.
   */
  static Normalize fromBytes(byte[] pixels, int n, int channels, int plane) {
    double[] mean = new double[channels];
    double[] std = new double[channels];
    long count = (long) n * plane;
    for (int c = 0; c < channels; c++) {
      long[] histogram = new long[256];
      for (int k = 0; k < n; k++) {
        for (int i = 0, base = (k * channels + c) * plane; i < plane; i++) histogram[pixels[base + i] & 0xFF]++;
      }
      double sum = 0;
      for (int v = 0; v < 256; v++) sum += histogram[v] * (double) Luma.unit((byte) v);
      double m = sum / count;
      double sq = 0;
      for (int v = 0; v < 256; v++) {
        double d = Luma.unit((byte) v) - m;
        sq += histogram[v] * d * d;
      }
      mean[c] = m;
      std[c] = Math.sqrt(sq / Math.max(1, count - 1)) + 1e-7;
    }
    return new Normalize(mean, std);
  }

  /** At index v, the float {@code v / 255} of an unsigned byte v, unnormalized. */
  static float[] unitTable() {
    float[] table = new float[256];
    for (int v = 0; v < 256; v++) table[v] = Luma.unit((byte) v);
    return table;
  }

  /**
   * What channel {@code c} of an unsigned byte {@code v} becomes, at index v: {@code (v / 255 - mean) / std}, the
   * same float {@link #apply} gives for that pixel.
   */
  float[] byteTable(int c) {
    float m = (float) mean[c];
    float inv = (float) (1 / std[c]);
    float[] table = new float[256];
    for (int v = 0; v < 256; v++) table[v] = (Luma.unit((byte) v) - m) * inv;
    return table;
  }

  /** The number of channels these stats are for. */
  public int channels() {
    return mean.length;
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] std() {
    return std.clone();
  }

  /** A new tensor {@code (images - mean) / std}, channel by channel, for {@code images} [N, C, H, W]. */
  public Tensor apply(Tensor images) {
    int[] s = checkNchw(images, mean.length);
    float[] out = images.toFloatArray();
    applyInPlace(out, s[0], s[2] * s[3]);
    return Tensor.wrap(out, s);
  }

  /** Normalizes {@code n} images of {@code plane} pixels per channel, stored NCHW in {@code data}. */
  void applyInPlace(float[] data, int n, int plane) {
    int c = mean.length;
    for (int k = 0; k < c; k++) {
      float m = (float) mean[k];
      float inv = (float) (1 / std[k]);
      for (int i = 0; i < n; i++) {
        for (int p = 0, base = (i * c + k) * plane; p < plane; p++) data[base + p] = (data[base + p] - m) * inv;
      }
    }
  }

  private static int[] checkNchw(Tensor images, int channels) {
    int[] s = images.shape();
    if (s.length != 4 || (channels > 0 && s[1] != channels)) {
      throw new IllegalArgumentException("Normalize: expected images [N, C, H, W]"
          + (channels > 0 ? " with C = " + channels : "") + ", got " + Arrays.toString(s));
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalize other && Arrays.equals(mean, other.mean) && Arrays.equals(std, other.std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Normalize(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
  }
}
