package dev.jfastai.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jfastai.learner.EpochRecord;
import dev.jfastai.learner.Learner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own format needs only its line (and maybe a header): the file handling comes with the base class. */
class EpochFileLoggerTest {
  @TempDir Path dir;

  static final class TsvLogger extends EpochFileLogger {
    TsvLogger(boolean append) {
      super("history.tsv", append);
    }

    @Override
    protected Optional<String> header(List<String> columns) {
      return Optional.of("epoch\tvalid_loss");
    }

    @Override
    protected String line(List<String> columns, EpochRecord r) {
      return r.epoch() + "\t" + r.validLoss();
    }
  }

  @Test
  void aCustomFormatGetsTheHeaderOnceAndOneLinePerEpoch() throws IOException {
    Learner learn = TinyLearners.regression(dir, new TsvLogger(true));
    learn.fit(2, 0.1f);
    learn.fit(1, 0.1f);
    List<String> lines = Files.readAllLines(dir.resolve("history.tsv"));
    List<EpochRecord> last = learn.recorder().epochs();
    assertEquals(4, lines.size());
    assertEquals("epoch\tvalid_loss", lines.get(0));
    assertEquals("0\t" + last.get(0).validLoss(), lines.get(3));
  }
}
