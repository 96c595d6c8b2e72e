package dev.jfastai.callbacks.internal;

import dev.jfastai.tensor.internal.io.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** fastai's activation pictures: {@code plot_layer_stats} (three panels) and {@code color_dim} (a viridis image). */
public final class ActivationCharts {
  private static final int PANEL_WIDTH = 400;
  private static final int PANEL_HEIGHT = 300;
  private static final int COLOR_DIM_WIDTH = 1000;
  private static final int COLOR_DIM_HEIGHT = 500;
  /** matplotlib's viridis at 0, 1/8, ..., 1 (its default colour map, which color_dim uses). */
  private static final int[] VIRIDIS = {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962,
      0xaddc30, 0xfde725};

  private ActivationCharts() {}

  /** Mean, std and % near zero per batch, three 400x300 panels side by side. */
  public static Path writeLayerStats(List<Double> means, List<Double> stds, List<Double> nearZero, Path png) {
    String[] titles = {"mean", "std", "% near zero"};
    List<List<Double>> series = List.of(means, stds, nearZero);
    BufferedImage img = new BufferedImage(3 * PANEL_WIDTH, PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      for (int i = 0; i < 3; i++) {
        XYSeries s = new XYSeries(titles[i], false, true);
        for (int b = 0; b < series.get(i).size(); b++) {
          double v = series.get(i).get(b);
          if (Double.isFinite(v)) s.add(b, v);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(titles[i], null, null, new XYSeriesCollection(s),
            PlotOrientation.VERTICAL, false, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.getRenderer().setSeriesPaint(0, new Color(0x1f77b4));
        chart.draw(g, new Rectangle2D.Double(i * PANEL_WIDTH, 0, PANEL_WIDTH, PANEL_HEIGHT));
      }
    } finally {
      g.dispose();
    }
    return writePng(img, png);
  }

  /** {@code values[row][column]} scaled from its min to its max through viridis, row 0 at the bottom. */
  public static Path writeColorDim(double[][] values, Path png) {
    int rows = values.length;
    int cols = rows == 0 ? 0 : values[0].length;
    if (cols == 0) throw new IllegalStateException("color_dim: no batches were recorded, nothing to draw");
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : values) {
      for (double v : row) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    BufferedImage img = new BufferedImage(COLOR_DIM_WIDTH, COLOR_DIM_HEIGHT, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < COLOR_DIM_HEIGHT; y++) {
      int row = rows - 1 - y * rows / COLOR_DIM_HEIGHT; // origin='lower'
      for (int x = 0; x < COLOR_DIM_WIDTH; x++) {
        double v = values[row][x * cols / COLOR_DIM_WIDTH];
        img.setRGB(x, y, viridis(max > min ? (v - min) / (max - min) : 0));
      }
    }
    return writePng(img, png);
  }

  private static Path writePng(BufferedImage img, Path png) {
    try {
      Files.createDirectories(png.toAbsolutePath().getParent());
      AtomicFiles.writeStream(png, out -> ImageIO.write(img, "png", out));
    } catch (IOException e) {
      throw new UncheckedIOException("plot " + png + ": cannot write", e);
    }
    return png;
  }

  /** The viridis colour of {@code t} in [0, 1], linearly between the anchors. */
  static int viridis(double t) {
    double pos = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
    int i = Math.min((int) pos, VIRIDIS.length - 2);
    double f = pos - i;
    int rgb = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      int a = (VIRIDIS[i] >> shift) & 0xFF;
      int b = (VIRIDIS[i + 1] >> shift) & 0xFF;
      rgb |= (int) Math.round(a + f * (b - a)) << shift;
    }
    return rgb;
  }
}
