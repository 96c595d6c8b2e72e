package dev.jfastai.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fastai's {@code no_logging}: the one learner-level flag that loggers and trackers read. */
class NoLoggingTest {
  @TempDir Path dir;

  @Test
  void fitsInsideTheScopeSeeLoggingOffAndTheFlagComesBackEvenAfterAnError() {
    Learner learn = TinyProblem.learner(TinyProblem.dls(8, 4, 4, false, 1), dir);
    List<Boolean> seen = new ArrayList<>();
    Callback probe = Callback.on(Event.beforeFit, l -> seen.add(l.isLogging()));
    learn.fit(1, 0.1, probe);
    learn.noLogging(() -> learn.noLogging(() -> learn.fit(1, 0.1, probe)));
    assertThrows(IllegalStateException.class, () -> learn.noLogging(() -> {
      throw new IllegalStateException("boom");
    }));
    learn.fit(1, 0.1, probe);
    assertEquals(List.of(true, false, true), seen);
    assertTrue(learn.isLogging());
  }
}
