package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.ConsoleBar;
import dev.jfastai.callbacks.internal.EpochRows;
import dev.jfastai.callbacks.internal.Formats;
import dev.jfastai.callbacks.internal.TableFormat;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.EpochRecord;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.Metric;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Prints fastai's progress table (order 60, as fastai's): the header when a fit starts, then one row as each epoch
 * ends, e.g.
 * <pre>
 * epoch     train_loss  valid_loss  accuracy  time
 * 0         0.693147    0.688923    0.510000  00:01
 * </pre>
 * On a real terminal a live bar shows the batches of the running phase; into a file or pipe only the table is
 * written (see {@link LiveBar}). {@link TableStyle#PLAIN} prints the chapter's tab-separated table instead.
 * Silent during {@link LRFinder#lrFind}.
 */
public final class ProgressCallback implements Callback {
  private final PrintStream out;
  private final ProgressSettings settings;
  private final EpochRows rows = new EpochRows();
  private ConsoleBar bar;
  private List<String> columns = List.of();
  private List<String> metricNames = List.of();
  private boolean active;

  /** fastai's table on {@code System.out}. */
  public ProgressCallback() {
    this(System.out, new ProgressSettings());
  }

  /** fastai's table on {@code out} (a test can pass a stream over a byte array). */
  public ProgressCallback(PrintStream out) {
    this(out, new ProgressSettings());
  }

  @Inject
  public ProgressCallback(ProgressSettings settings) {
    this(System.out, settings);
  }

  public ProgressCallback(PrintStream out, ProgressSettings settings) {
    this.out = Objects.requireNonNull(out, "out");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public int order() {
    return 60;
  }

  @Override
  public void beforeFit(Learner learn) {
    active = !LRFinder.isRunning(learn);
    if (!active) return;
    rows.start(learn);
    columns = learn.recorder().metricNames(learn);
    metricNames = new ArrayList<>();
    for (Metric m : learn.metrics()) metricNames.add(m.name());
    bar = showsBar() ? new ConsoleBar(out) : null;
    println(settings.style() == TableStyle.FASTAI ? TableFormat.fastaiHeader(columns)
        : TableFormat.plainHeader(metricNames));
  }

  @Override
  public void beforeTrain(Learner learn) {
    startBar(learn);
  }

  @Override
  public void beforeValidate(Learner learn) {
    startBar(learn);
  }

  @Override
  public void afterBatch(Learner learn) {
    if (!active || bar == null) return;
    double smooth = learn.recorder().smoothLoss();
    bar.update(learn.iter() + 1, Double.isNaN(smooth) ? "" : Formats.fixed(smooth, 4));
  }

  @Override
  public void afterTrain(Learner learn) {
    clearBar();
  }

  @Override
  public void afterValidate(Learner learn) {
    clearBar();
  }

  @Override
  public void afterEpoch(Learner learn) {
    printPendingRows(learn);
  }

  @Override
  public void afterFit(Learner learn) {
    clearBar();
    printPendingRows(learn); // rows a callback's cancel kept from reaching afterEpoch here
    active = false;
  }

  @Override
  public void onError(Learner learn, Throwable error) {
    clearBar();
    active = false;
  }

  private boolean showsBar() {
    switch (settings.liveBar()) {
      case ON: return true;
      case OFF: return false;
      default: return out == System.out && ConsoleBar.stdoutIsTerminal();
    }
  }

  private void startBar(Learner learn) {
    if (active && bar != null) bar.start("Epoch " + (learn.epoch() + 1) + "/" + learn.nEpoch() + " :",
        learn.dl().len());
  }

  private void clearBar() {
    if (active && bar != null) bar.clear();
  }

  private void printPendingRows(Learner learn) {
    if (!active) return;
    for (EpochRecord r : rows.takePending(learn)) {
      println(settings.style() == TableStyle.FASTAI
          ? TableFormat.fastaiRow(columns, TableFormat.fastaiCells(columns, r))
          : TableFormat.plainRow(metricNames, r));
    }
  }

  private void println(String line) {
    out.println(line);
    out.flush();
  }
}
