package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.ConsoleBar;
import dev.jfastai.callbacks.internal.EpochRows;
import dev.jfastai.callbacks.internal.Formats;
import dev.jfastai.callbacks.internal.TableFormat;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.EpochRecord;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.Metric;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Prints fastai's progress table (order 60, as fastai's): the header when a fit starts, then one row as each epoch
 * ends, e.g.
 * <pre>
 * epoch     train_loss  valid_loss  accuracy  time
 * 0         0.693147    0.688923    0.510000  00:01
 * </pre>
 * On a real terminal a live bar shows the batches of the running phase; into a file or pipe only the table is
 * written (see {@link LiveBar}). {@link TableStyle#PLAIN} prints the chapter's tab-separated table instead.
 * Silent in a {@link Learner#noLogging} fit such as {@link LRFinder#lrFind}'s.
 */
public final class ProgressCallback implements Callback {
  private final PrintStream out;
  private final TableStyle style;
  private final LiveBar liveBar;
  private final EpochRows rows = new EpochRows();
  private ConsoleBar bar;
  private List<String> columns = List.of();
  private List<String> metricNames = List.of();
  private boolean active;

  /** fastai's table on {@code System.out}, with a live bar on a terminal. */
  public ProgressCallback() {
    this(builder());
  }

  private ProgressCallback(Builder b) {
    this.out = b.out;
    this.style = b.style;
    this.liveBar = b.liveBar;
  }

  /** Options: {@code builder().out(stream).style(TableStyle.PLAIN).liveBar(LiveBar.OFF).build()}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public int order() {
    return 60;
  }

  @Override
  public void beforeFit(Learner learn) {
    active = learn.isLogging();
    if (!active) return;
    rows.start(learn);
    columns = learn.recorder().metricNames(learn);
    metricNames = new ArrayList<>();
    for (Metric m : learn.metrics()) metricNames.add(m.name());
    bar = showsBar() ? new ConsoleBar(out) : null;
    println(style == TableStyle.FASTAI ? TableFormat.fastaiHeader(columns)
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
    OptionalDouble smooth = learn.recorder().smoothLoss();
    bar.update(learn.iter() + 1, smooth.isPresent() ? Formats.fixed(smooth.getAsDouble(), 4) : "");
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
    switch (liveBar) {
      case ON: return true;
      case OFF: return false;
      default: return out == System.out && ConsoleBar.stdoutIsTerminal();
    }
  }

  private void startBar(Learner learn) {
    if (active && bar != null) bar.start("Epoch " + (learn.epoch() + 1) + "/" + learn.nEpoch() + " :",
        learn.dl().size());
  }

  private void clearBar() {
    if (active && bar != null) bar.clear();
  }

  private void printPendingRows(Learner learn) {
    if (!active) return;
    for (EpochRecord r : rows.takePending(learn)) {
      println(style == TableStyle.FASTAI
          ? TableFormat.fastaiRow(columns, TableFormat.fastaiCells(columns, r))
          : TableFormat.plainRow(metricNames, r));
    }
  }

  private void println(String line) {
    out.println(line);
    out.flush();
  }

  /** Configures a {@link ProgressCallback}: fastai's table on {@code System.out}, live bar on a terminal only. */
  public static final class Builder {
    private PrintStream out = System.out;
    private TableStyle style = TableStyle.FASTAI;
    private LiveBar liveBar = LiveBar.AUTO;

    private Builder() {}

    /** Where the table goes (a test can pass a stream over a byte array). */
    public Builder out(PrintStream out) {
      this.out = Objects.requireNonNull(out, "out");
      return this;
    }

    public Builder style(TableStyle style) {
      this.style = Objects.requireNonNull(style, "style");
      return this;
    }

    public Builder liveBar(LiveBar liveBar) {
      this.liveBar = Objects.requireNonNull(liveBar, "liveBar");
      return this;
    }

    public ProgressCallback build() {
      return new ProgressCallback(this);
    }
  }
}
