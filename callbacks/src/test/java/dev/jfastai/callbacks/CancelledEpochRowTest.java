package dev.jfastai.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.learner.Callback;
import dev.jfastai.learner.CancelEpochException;
import dev.jfastai.learner.Event;
import dev.jfastai.learner.Learner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The printed row of an epoch cancelled before validation shows nan for valid_loss, not the last epoch's value. */
class CancelledEpochRowTest {
  @TempDir Path dir;

  @Test
  void theRowOfAnEpochWithoutValidationPrintsNan() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Callback skipSecondValidation = Callback.on(Event.afterTrain, 100, l -> {
      if (l.epoch() == 1) throw new CancelEpochException();
    });
    Learner learn = TinyLearners.regression(dir, new ProgressCallback(new PrintStream(bytes, true,
        StandardCharsets.UTF_8)), skipSecondValidation);
    learn.fit(2, 0.1f);
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    String first = lines.get(1);
    String second = lines.get(2);
    assertTrue(second.startsWith("1 "), second);
    String[] cells = second.trim().split(" +");
    assertEquals(List.of("1", cells[1], "nan", "00:00"), List.of(cells), "epoch, train_loss, valid_loss, time");
    assertTrue(!cells[1].equals("nan") && !first.contains("nan"), first + "\n" + second);
  }
}
