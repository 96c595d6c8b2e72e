package dev.jfastai.callbacks.internal;

import dev.jfastai.learner.EpochRecord;
import dev.jfastai.learner.Learner;
import java.nio.file.Path;
import java.util.List;

/**
 * The life cycle shared by the file loggers: open in {@code beforeFit} (emptied, or continued when appending or
 * resuming), one line per epoch synced to disk as the epoch ends, closed in {@code afterFit} or on an error. It
 * does nothing while the LR finder runs, so the finder never truncates a log. Validation and predictions fire no
 * fit events, so they never touch the file either.
 */
public final class EpochLog {
  /** How one logger writes its lines. */
  public interface LineFormat {
    /** Fails if a file being continued was written with other columns. */
    void checkContinued(Path file, List<String> columns);

    /** The first line of a new file, or null for none. */
    String header(List<String> columns);

    String line(List<String> columns, EpochRecord record);
  }

  private final LineFormat format;
  private final EpochRows rows = new EpochRows();
  private LogFile log;
  private List<String> columns;
  private Path path;

  public EpochLog(LineFormat format) {
    this.format = format;
  }

  public void beforeFit(Learner learn, String fileName, boolean append) {
    if (FinderFlag.isRunning(learn)) return;
    close(); // a fit that ended without afterFit must not leak the file
    columns = learn.recorder().metricNames(learn);
    path = learn.path().resolve(fileName);
    boolean keep = append || learn.startEpoch() > 0;
    if (keep) format.checkContinued(path, columns);
    log = LogFile.open(path, keep);
    String header = format.header(columns);
    if (!log.continued() && header != null) {
      log.writeLine(header);
      log.sync();
    }
    rows.start(learn);
  }

  public void afterEpoch(Learner learn) {
    if (log == null) return;
    List<EpochRecord> pending = rows.takePending(learn);
    for (EpochRecord r : pending) log.writeLine(format.line(columns, r));
    if (!pending.isEmpty()) log.sync();
  }

  /** Writes what is left and closes; used for both {@code afterFit} and {@code onError}. */
  public void finish(Learner learn) {
    try {
      afterEpoch(learn);
    } finally {
      close();
    }
  }

  /** The file of the latest fit, or null before any. */
  public Path path() {
    return path;
  }

  private void close() {
    if (log == null) return;
    LogFile l = log;
    log = null;
    l.close();
  }
}
