package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.EpochRows;
import dev.jfastai.callbacks.internal.LogFile;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.EpochRecord;
import dev.jfastai.learner.Learner;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A log with one line per epoch in a file under {@code learn.path()}: the base of {@link CsvLogger} and
 * {@link JsonLinesLogger}, and of your own formats (implement {@link #line}, maybe {@link #header}). Order 60.
 *
 * <p>The file is opened in {@code beforeFit}: emptied, or continued (without a new header) with {@code append} or
 * when the fit resumes from a checkpoint; a trailing partial line left by a crash is cut off first. Each epoch's
 * line is forced to disk as the epoch ends, so a crash loses at most the running epoch; the file is closed in
 * {@code afterFit} or on an error. A {@link Learner#noLogging} fit (the LR finder's), {@code validate()} and
 * {@code getPreds} never touch it.
 */
public abstract class EpochFileLogger implements Callback {
  private final String fileName;
  private final boolean append;
  private final EpochRows rows = new EpochRows();
  private LogFile log;
  private List<String> columns;
  private Path path;

  protected EpochFileLogger(String fileName, boolean append) {
    this.fileName = Objects.requireNonNull(fileName, "fileName");
    this.append = append;
  }

  /** One epoch's line (without the newline); {@code columns} are the Recorder's names, as in {@code metricNames}. */
  protected abstract String line(List<String> columns, EpochRecord record);

  /** The first line of a new file; empty for none (the default). */
  protected Optional<String> header(List<String> columns) {
    return Optional.empty();
  }

  /** Called before continuing an existing {@code file}: throw if it was written with other columns. */
  protected void checkContinued(Path file, List<String> columns) {}

  @Override
  public int order() {
    return 60;
  }

  @Override
  public void beforeFit(Learner learn) {
    if (!learn.isLogging()) return;
    close(); // a fit that ended without afterFit must not leak the file
    columns = learn.recorder().metricNames(learn);
    path = learn.path().resolve(fileName);
    boolean keep = append || learn.startEpoch() > 0;
    if (keep) checkContinued(path, columns);
    log = LogFile.open(path, keep);
    Optional<String> first = header(columns);
    if (!log.continued() && first.isPresent()) {
      log.writeLine(first.get());
      log.sync();
    }
    rows.start(learn);
  }

  @Override
  public void afterEpoch(Learner learn) {
    if (log == null) return;
    List<EpochRecord> pending = rows.takePending(learn);
    for (EpochRecord r : pending) log.writeLine(line(columns, r));
    if (!pending.isEmpty()) log.sync();
  }

  /** Writes rows a cancel kept from {@code afterEpoch}, then closes the file. */
  @Override
  public void afterFit(Learner learn) {
    try {
      afterEpoch(learn);
    } finally {
      close();
    }
  }

  @Override
  public void onError(Learner learn, Throwable error) {
    afterFit(learn);
  }

  /** The file the latest fit wrote; empty before the first fit. */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  /** {@link #path()}, or an error saying what to do before any fit. */
  protected Path requirePath() {
    if (path == null) {
      throw new IllegalStateException(getClass().getSimpleName() + ".read: no fit has run yet; use read(Path)");
    }
    return path;
  }

  private void close() {
    if (log == null) return;
    LogFile l = log;
    log = null;
    l.close();
  }

  /**
   * The options every epoch log shares: the file, relative to the learner's path, and whether a fit continues an
   * existing file instead of starting it afresh (default false, fastai's).
   *
   * @param <B> the concrete builder, returned by every option
   */
  public abstract static class Builder<B extends Builder<B>> {
    private String fileName;
    private boolean append;

    protected Builder(String defaultFileName) {
      this.fileName = defaultFileName;
    }

    protected abstract B self();

    public B fileName(String fileName) {
      this.fileName = Objects.requireNonNull(fileName, "fileName");
      return self();
    }

    public B append(boolean append) {
      this.append = append;
      return self();
    }

    protected final String fileName() {
      return fileName;
    }

    protected final boolean append() {
      return append;
    }
  }
}
