package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.ActivationCharts;
import dev.jfastai.learner.Learner;
import dev.jfastai.nn.Module;
import dev.jfastai.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * fastai's {@code ActivationStats}: for each hooked layer (by default the leaf layers with parameters) and each
 * training batch, the mean, the (unbiased) standard deviation and the share of activations {@code <= 0.05} of the
 * layer's output, optionally its histogram ({@code histc(40, 0, 10)}); {@link #plotLayerStats} and
 * {@link #colorDim} draw fastai's pictures as PNG files. Order -20, like fastai.
 */
public final class ActivationStats extends HookCallback {
  /** fastai's {@code near_zero} threshold. */
  public static final double NEAR_ZERO = 0.05;
  /** fastai's histogram: 40 bins over [0, 10]. */
  public static final int BINS = 40;
  private static final double HIST_MAX = 10;

  private final boolean histograms;
  private final List<double[][]> stats = new ArrayList<>();
  private final List<float[][]> hists = new ArrayList<>();
  private double[][] batchStats;
  private float[][] batchHists;

  private ActivationStats(Builder b) {
    super(b.modules, b.every, true);
    this.histograms = b.histograms;
  }

  /** fastai's {@code ActivationStats()}: mean, std and near-zero share of every leaf layer with parameters. */
  public ActivationStats() {
    this(builder());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public int order() {
    return -20;
  }

  /** Whether histograms are recorded (fastai's {@code with_hist}), needed by {@link #colorDim}. */
  public boolean histograms() {
    return histograms;
  }

  @Override
  public void beforeFit(Learner learn) {
    super.beforeFit(learn);
    stats.clear();
    hists.clear();
  }

  @Override
  protected void hook(int index, Module module, Tensor input, Tensor output) {
    if (!hookedTrainingBatch()) return; // fastai keeps only training batches: validation stats are not computed
    int n = modules().size();
    if (batchStats == null) {
      batchStats = new double[n][];
      batchHists = histograms ? new float[n][] : null;
    }
    float[] a = output.array();
    int off = output.arrayOffset();
    int count = output.numel();
    double sum = 0;
    int nearZero = 0;
    for (int i = off; i < off + count; i++) {
      sum += a[i];
      if (a[i] <= NEAR_ZERO) nearZero++;
    }
    double mean = sum / count;
    double sq = 0;
    for (int i = off; i < off + count; i++) {
      double d = a[i] - mean;
      sq += d * d;
    }
    batchStats[index] = new double[] {mean, Math.sqrt(sq / (count - 1)), nearZero / (double) count};
    if (histograms) batchHists[index] = histc(a, off, count);
  }

  /** torch's {@code histc(40, 0, 10)}: equal bins over [0, 10], the top edge in the last bin, the rest ignored. */
  static float[] histc(float[] a, int off, int count) {
    float[] h = new float[BINS];
    for (int i = off; i < off + count; i++) {
      float v = a[i];
      if (v < 0 || v > HIST_MAX) continue;
      int bin = (int) (v * BINS / HIST_MAX);
      h[Math.min(bin, BINS - 1)]++;
    }
    return h;
  }

  @Override
  public void afterBatch(Learner learn) {
    if (hookedTrainingBatch() && batchStats != null) {
      stats.add(batchStats);
      if (histograms) hists.add(batchHists);
    }
    batchStats = null;
    batchHists = null;
    super.afterBatch(learn);
  }

  /** The number of batches recorded. */
  public int size() {
    return stats.size();
  }

  /** Layer {@code layer}'s statistics, one value per recorded batch (fastai's {@code layer_stats(idx)}). */
  public LayerStats layerStats(int layer) {
    checkLayer(layer);
    List<Double> means = new ArrayList<>();
    List<Double> stds = new ArrayList<>();
    List<Double> nearZero = new ArrayList<>();
    for (double[][] batch : stats) {
      means.add(batch[layer][0]);
      stds.add(batch[layer][1]);
      nearZero.add(batch[layer][2]);
    }
    return new LayerStats(means, stds, nearZero);
  }

  /**
   * fastai's {@code hist(idx)}: {@code log1p} of layer {@code layer}'s histograms, {@code [BINS][batches]} (bin 0 at
   * row 0). Needs {@link #histograms()}.
   */
  public double[][] histogram(int layer) {
    checkLayer(layer);
    if (!histograms) {
      throw new IllegalStateException("ActivationStats: histograms were not recorded; build it with histograms(true)");
    }
    double[][] out = new double[BINS][hists.size()];
    for (int b = 0; b < hists.size(); b++) {
      for (int k = 0; k < BINS; k++) out[k][b] = Math.log1p(hists.get(b)[layer][k]);
    }
    return out;
  }

  /** fastai's {@code plot_layer_stats(idx)}: mean, std and % near zero against the batch, side by side, as a PNG. */
  public Path plotLayerStats(int layer, Path png) {
    LayerStats s = layerStats(layer);
    return ActivationCharts.writeLayerStats(s.means(), s.stds(), s.nearZero(), png);
  }

  /** fastai's {@code color_dim(idx)}: the histograms over batches as a viridis image, bin 0 at the bottom. */
  public Path colorDim(int layer, Path png) {
    return ActivationCharts.writeColorDim(histogram(layer), png);
  }

  private void checkLayer(int layer) {
    if (layer < 0 || layer >= modules().size()) {
      throw new IllegalArgumentException("ActivationStats: layer " + layer + " out of range; "
          + modules().size() + " layers are hooked" + (modules().isEmpty() ? " (none before the first fit)" : ""));
    }
  }

  /** One layer's statistics per recorded batch. */
  public record LayerStats(List<Double> means, List<Double> stds, List<Double> nearZero) {
    public LayerStats {
      means = List.copyOf(means);
      stds = List.copyOf(stds);
      nearZero = List.copyOf(nearZero);
    }
  }

  /** Configures an {@link ActivationStats}. */
  public static final class Builder {
    private List<Module> modules = List.of();
    private int every;
    private boolean histograms;

    private Builder() {}

    /** The modules to hook instead of the leaf layers with parameters. */
    public Builder modules(List<Module> modules) {
      this.modules = List.copyOf(Objects.requireNonNull(modules, "modules"));
      return this;
    }

    /** Records every {@code every}-th training batch only (0, the default: all). */
    public Builder every(int every) {
      if (every < 0) throw new IllegalArgumentException("ActivationStats: every must be >= 0, got " + every);
      this.every = every;
      return this;
    }

    /** Also records histograms, fastai's {@code with_hist=True}, for {@link ActivationStats#colorDim}. */
    public Builder histograms(boolean histograms) {
      this.histograms = histograms;
      return this;
    }

    public ActivationStats build() {
      return new ActivationStats(this);
    }
  }
}
