package dev.jfastai.callbacks.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Builds the two JFreeChart charts: fastai's {@code plot_loss} and {@code plot_lr_find}. */
public final class Charts {
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
      new Color(0xd62728), new Color(0x9467bd)};

  private Charts() {}

  /**
   * Smoothed train loss at each batch and the valid loss at the end of each epoch, placed at the epoch's last batch
   * (epochs are assumed to have equally many batches, which the Recorder does not store).
   */
  public static JFreeChart lossCurve(List<Double> smoothLosses, List<Double> validLosses) {
    XYSeries train = new XYSeries("train", false, true);
    for (int i = 0; i < smoothLosses.size(); i++) addFinite(train, i + 1, smoothLosses.get(i));
    XYSeries valid = new XYSeries("valid", false, true);
    int epochs = validLosses.size();
    for (int e = 0; e < epochs; e++) {
      long x = Math.round((e + 1) * (double) smoothLosses.size() / epochs);
      addFinite(valid, Math.max(x, e + 1), validLosses.get(e));
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(train);
    data.addSeries(valid);
    JFreeChart chart = ChartFactory.createXYLineChart(null, "Iteration", "Loss", data, PlotOrientation.VERTICAL, true,
        false, false);
    XYLineAndShapeRenderer r = style(chart.getXYPlot(), 2);
    r.setSeriesShapesVisible(1, true);
    return chart;
  }

  /** Loss against a log-scaled learning rate, with one marker per suggestion (named points). */
  public static JFreeChart lrFinder(List<Double> lrs, List<Double> losses, List<String> names, List<double[]> points) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries curve = new XYSeries("loss", false, true);
    for (int i = 0; i < lrs.size(); i++) addFinite(curve, lrs.get(i), losses.get(i));
    data.addSeries(curve);
    for (int i = 0; i < names.size(); i++) {
      XYSeries s = new XYSeries(names.get(i), false, true);
      addFinite(s, points.get(i)[0], points.get(i)[1]);
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(null, "Learning Rate", "Loss", data, PlotOrientation.VERTICAL,
        !names.isEmpty(), false, false);
    XYPlot plot = chart.getXYPlot();
    LogAxis x = new LogAxis("Learning Rate");
    x.setBase(10);
    x.setSmallestValue(1e-12);
    plot.setDomainAxis(x);
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false); // like matplotlib: fit the curve
    XYLineAndShapeRenderer r = style(plot, data.getSeriesCount());
    for (int i = 1; i < data.getSeriesCount(); i++) {
      r.setSeriesLinesVisible(i, false);
      r.setSeriesShapesVisible(i, true);
    }
    return chart;
  }

  private static XYLineAndShapeRenderer style(XYPlot plot, int series) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < series; i++) {
      r.setSeriesPaint(i, COLORS[i % COLORS.length]);
      r.setSeriesStroke(i, new BasicStroke(1.5f));
    }
    plot.setRenderer(r);
    return r;
  }

  /** JFreeChart cannot draw NaN or infinite values (or non-positive x on a log axis): such points are left out. */
  private static void addFinite(XYSeries s, double x, double y) {
    if (Double.isFinite(x) && Double.isFinite(y)) s.add(x, y);
  }
}
