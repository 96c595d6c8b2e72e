package dev.jfastai.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jfastai.callbacks.internal.ConsoleBar;
import dev.jfastai.callbacks.internal.Formats;
import dev.jfastai.callbacks.internal.TableFormat;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.CancelFitException;
import dev.jfastai.learner.Event;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.Metric;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressCallbackTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  /** The scripted 3-epoch run of progress_script.json: per-batch losses and a per-epoch accuracy. */
  private Learner scriptedRun(Callback... callbacks) {
    JsonNode script = Fixtures.json("progress_script.json");
    ScriptedLoss loss = new ScriptedLoss();
    for (int e = 0; e < 3; e++) {
      loss.epoch(Fixtures.doubleArray(script.get("train").get(e)), Fixtures.doubleArray(script.get("valid").get(e)));
    }
    Metric acc = new ScriptedMetric("accuracy", Fixtures.doubleArray(script.get("accuracy")));
    return TinyLearners.scripted(dir, loss, new Metric[] {acc}, callbacks);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsFastaisTableExactly() {
    scriptedRun(new ProgressCallback(out)).fit(3, 0.1f);
    assertEquals(Fixtures.text("progress_fastai.txt"), printed());
  }

  @Test
  void printsTheChaptersPlainTable() {
    scriptedRun(new ProgressCallback(out, new ProgressSettings().withStyle(TableStyle.PLAIN))).fit(3, 0.1f);
    assertEquals(Fixtures.text("progress_plain.txt"), printed());
  }

  @Test
  void automaticModeNeverDrawsTheBarIntoAStream() {
    scriptedRun(new ProgressCallback(out, new ProgressSettings().withLiveBar(LiveBar.AUTO))).fit(3, 0.1f);
    assertFalse(printed().contains("\r"), "no carriage returns outside a terminal");
  }

  @Test
  void aPipedStandardOutputIsNotATerminal() {
    // surefire's forked JVM writes to a pipe: on JDK 22+ System.console() exists there, isTerminal() says no
    assertFalse(ConsoleBar.stdoutIsTerminal());
  }

  @Test
  void liveBarFramesAreWipedSoTheTerminalShowsTheSameTable() {
    scriptedRun(new ProgressCallback(out, new ProgressSettings().withLiveBar(LiveBar.ON))).fit(3, 0.1f);
    String raw = printed();
    assertTrue(raw.contains("\rEpoch 1/3 : |"), raw);
    assertTrue(raw.contains("100.00% [3/3 00:00<00:00"), "train bar reaches its end: " + raw);
    assertTrue(raw.contains("100.00% [2/2 00:00<00:00"), "valid bar reaches its end: " + raw);
    StringBuilder visible = new StringBuilder();
    for (String line : raw.split("\n", -1)) visible.append(line.substring(line.lastIndexOf('\r') + 1)).append('\n');
    assertEquals(Fixtures.text("progress_fastai.txt") + "\n", visible.toString());
  }

  @Test
  void aRowCancelledBeforeReachingTheTableIsPrintedWhenTheFitEnds() {
    Callback stopAfterEpoch1 = Callback.on(Event.afterEpoch, 55, l -> {
      if (l.epoch() == 1) throw new CancelFitException();
    });
    scriptedRun(new ProgressCallback(out), stopAfterEpoch1).fit(3, 0.1f);
    List<String> golden = Fixtures.text("progress_fastai.txt").lines().toList();
    assertEquals(String.join("\n", golden.subList(0, 3)) + "\n", printed());
  }

  @Test
  void formatsTimeAsFastaiDoes() {
    assertEquals("00:00", Formats.time(0.99));
    assertEquals("00:59", Formats.time(59.999));
    assertEquals("01:00", Formats.time(60));
    assertEquals("59:59", Formats.time(3599.5));
    assertEquals("1:00:00", Formats.time(3600));
    assertEquals("1:02:05", Formats.time(3725.9));
    assertEquals("26:00:01", Formats.time(93601));
  }

  @Test
  void formatsValuesAsPythonDoes() {
    assertEquals("0.693147", Formats.fixed(0.6931471805599453, 6));
    assertEquals("nan", Formats.fixed(Double.NaN, 6));
    assertEquals("inf", Formats.fixed(Double.POSITIVE_INFINITY, 6));
    assertEquals("-inf", Formats.fixed(Double.NEGATIVE_INFINITY, 6));
  }

  @Test
  void longNamesAreNotPaddedAndWideCellsKeepASpace() {
    List<String> names = List.of("epoch", "batch_accuracy", "time");
    assertEquals("epoch     batch_accuracy  time    ", TableFormat.fastaiHeader(names));
    assertEquals("0         0.500000        00:00     ", TableFormat.fastaiRow(names, List.of("0", "0.500000",
        "00:00")));
    assertEquals("123456789012 x               y         ",
        TableFormat.fastaiRow(names, List.of("123456789012", "x", "y")));
  }
}
