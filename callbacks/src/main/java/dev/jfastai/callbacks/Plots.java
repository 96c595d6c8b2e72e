package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.Charts;
import dev.jfastai.learner.EpochRecord;
import dev.jfastai.learner.Recorder;
import dev.jfastai.tensor.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * PNG charts of training, drawn with JFreeChart and written atomically; works headless ({@code java.awt.headless}).
 * {@link #lossCurve} is fastai's {@code plot_loss}, {@link #lrFinder} its {@code plot_lr_find}.
 */
public final class Plots {
  public static final int DEFAULT_WIDTH = 800;
  public static final int DEFAULT_HEIGHT = 500;

  private Plots() {}

  /**
   * The smoothed train loss per batch and the valid loss per epoch, {@value #DEFAULT_WIDTH}x{@value #DEFAULT_HEIGHT}.
   */
  public static Path lossCurve(Recorder recorder, Path png) {
    return lossCurve(recorder, png, DEFAULT_WIDTH, DEFAULT_HEIGHT);
  }

  public static Path lossCurve(Recorder recorder, Path png, int width, int height) {
    List<Double> valid = new ArrayList<>();
    for (EpochRecord r : recorder.epochs()) valid.add(r.validLoss());
    return write(Charts.lossCurve(recorder.smoothLosses(), valid), png, width, height);
  }

  /**
   * The LR finder's loss against the learning rate on a log axis, leaving out the last 5 points as fastai does, with
   * the valley, minimum and steep suggestions marked on the curve.
   */
  public static Path lrFinder(LRFindResult result, Path png) {
    return lrFinder(result, png, DEFAULT_WIDTH, DEFAULT_HEIGHT);
  }

  public static Path lrFinder(LRFindResult result, Path png, int width, int height) {
    int shown = result.lrs().size() > 5 ? result.lrs().size() - 5 : result.lrs().size();
    List<Double> lrs = result.lrs().subList(0, shown);
    List<Double> losses = result.losses().subList(0, shown);
    List<String> names = new ArrayList<>();
    List<double[]> points = new ArrayList<>();
    String[] labels = {"valley", "minimum", "steep"};
    double[] values = {result.valley().orElse(Double.NaN), result.minimum().orElse(Double.NaN),
        result.steep().orElse(Double.NaN)};
    for (int i = 0; i < labels.length; i++) {
      int at = nearestInLog(lrs, values[i]);
      if (at < 0) continue;
      names.add(labels[i]);
      points.add(new double[] {values[i], losses.get(at)});
    }
    return write(Charts.lrFinder(lrs, losses, names, points), png, width, height);
  }

  /** The index of the lr closest to {@code lr} on a log scale, or -1 if there is none. */
  private static int nearestInLog(List<Double> lrs, double lr) {
    if (!(lr > 0)) return -1;
    int best = -1;
    double bestDist = Double.POSITIVE_INFINITY;
    for (int i = 0; i < lrs.size(); i++) {
      double d = Math.abs(Math.log(lrs.get(i)) - Math.log(lr));
      if (d < bestDist) {
        bestDist = d;
        best = i;
      }
    }
    return best;
  }

  private static Path write(JFreeChart chart, Path png, int width, int height) {
    if (width <= 0 || height <= 0) throw new IllegalArgumentException("plot " + png + ": size must be positive, got "
        + width + "x" + height);
    try {
      Files.createDirectories(png.toAbsolutePath().getParent());
      AtomicFiles.writeStream(png, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    } catch (IOException e) {
      throw new UncheckedIOException("plot " + png + ": cannot write", e);
    }
    return png;
  }
}
