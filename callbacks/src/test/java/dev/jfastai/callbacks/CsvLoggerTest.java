package dev.jfastai.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.learner.Callback;
import dev.jfastai.learner.EpochRecord;
import dev.jfastai.learner.Event;
import dev.jfastai.learner.Learner;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoggerTest {
  @TempDir Path dir;

  /** Every record of the file, header line included, read with Commons CSV. */
  private List<List<String>> records(Path file) throws IOException {
    List<List<String>> out = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
         CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT)) {
      for (CSVRecord rec : p) out.add(rec.toList());
    }
    return out;
  }

  @Test
  void writesTheHeaderAndOneRowPerEpochWithTheRecordersValues() throws IOException {
    CsvLogger csv = new CsvLogger();
    Learner learn = TinyLearners.regression(dir, csv);
    learn.fit(3, 0.1f);

    Path file = dir.resolve("history.csv");
    assertEquals(file, csv.path());
    List<List<String>> recs = records(file);
    assertEquals(List.of("epoch", "train_loss", "valid_loss", "time"), recs.get(0));
    assertEquals(4, recs.size());
    List<Map<String, String>> rows = csv.read();
    for (int e = 0; e < 3; e++) {
      EpochRecord r = learn.recorder().epochs().get(e);
      assertEquals(Integer.toString(e), rows.get(e).get("epoch"));
      assertEquals(r.trainLoss(), Double.parseDouble(rows.get(e).get("train_loss")));
      assertEquals(r.validLoss(), Double.parseDouble(rows.get(e).get("valid_loss")));
      assertTrue(rows.get(e).get("time").matches("\\d\\d:\\d\\d"), rows.get(e).get("time"));
    }
  }

  @Test
  void appendContinuesAnEarlierFileWithoutASecondHeader() throws IOException {
    Learner learn = TinyLearners.regression(dir, new CsvLogger("history.csv", true));
    learn.fit(2, 0.1f);
    learn.fit(2, 0.1f);
    List<List<String>> recs = records(dir.resolve("history.csv"));
    assertEquals(5, recs.size());
    assertEquals(1, recs.stream().filter(r -> r.get(0).equals("epoch")).count());
    assertEquals(List.of("0", "1", "0", "1"), recs.subList(1, 5).stream().map(r -> r.get(0)).toList());
  }

  @Test
  void withoutAppendEachFitStartsTheFileAfresh() throws IOException {
    Learner learn = TinyLearners.regression(dir, new CsvLogger());
    learn.fit(3, 0.1f);
    learn.fit(1, 0.1f);
    assertEquals(2, records(dir.resolve("history.csv")).size());
  }

  @Test
  void eachRowIsOnDiskWhenItsEpochEnds() {
    List<Integer> rowsSeen = new ArrayList<>();
    Callback probe = Callback.on(Event.afterEpoch, 100, l ->
        rowsSeen.add(CsvLogger.read(l.path().resolve("history.csv")).size()));
    TinyLearners.regression(dir, new CsvLogger(), probe).fit(3, 0.1f);
    assertEquals(List.of(1, 2, 3), rowsSeen);
  }

  @Test
  void validationPredictionsAndTheLrFinderLeaveTheFileAlone() throws IOException {
    Learner learn = TinyLearners.regression(dir, new CsvLogger());
    learn.fit(2, 0.1f);
    byte[] before = Files.readAllBytes(dir.resolve("history.csv"));
    learn.validate();
    learn.getPreds();
    LRFinder.lrFind(learn, new LRFindOptions(1e-5, 1, 10, true));
    assertArrayEquals(before, Files.readAllBytes(dir.resolve("history.csv")));
  }

  @Test
  void aResumedFitContinuesTheFile() throws IOException {
    Learner first = TinyLearners.regression(dir, new CsvLogger());
    first.fit(2, 0.1f);
    first.save("after2");
    Learner resumed = TinyLearners.regression(dir, new CsvLogger());
    resumed.load("after2");
    resumed.fit(4, 0.1f);
    List<List<String>> recs = records(dir.resolve("history.csv"));
    assertEquals(List.of("epoch", "0", "1", "2", "3"), recs.stream().map(r -> r.get(0)).toList());
  }

  @Test
  void appendingToAFileWithOtherColumnsFailsAndNamesIt() throws IOException {
    Path file = dir.resolve("history.csv");
    Files.writeString(file, "epoch,loss\n0,1.0\n");
    Learner learn = TinyLearners.regression(dir, new CsvLogger("history.csv", true));
    RuntimeException e = assertThrows(RuntimeException.class, () -> learn.fit(1, 0.1f));
    String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    assertTrue(message.contains(file.toString()) && message.contains("[epoch, loss]"), message);
    assertEquals("epoch,loss\n0,1.0\n", Files.readString(file));
  }

  @Test
  void aCrashKeepsTheWrittenRowsAndTheFileCanBeContinued() throws IOException {
    Callback crash = Callback.on(Event.afterEpoch, 100, l -> {
      if (l.epoch() == 1) throw new IllegalStateException("boom");
    });
    Learner learn = TinyLearners.regression(dir, new CsvLogger("history.csv", true));
    assertThrows(RuntimeException.class, () -> learn.fit(3, 0.1f, crash));
    assertEquals(3, records(dir.resolve("history.csv")).size());
    learn.fit(1, 0.1f); // the file was closed: it can be continued
    assertEquals(4, records(dir.resolve("history.csv")).size());
  }

  @Test
  void aTruncatedLastLineIsDroppedBeforeAppending() throws IOException {
    Path file = dir.resolve("history.csv");
    Files.writeString(file, "epoch,train_loss,valid_loss,time\n0,0.5,0.4,00:00\n1,0.3");
    TinyLearners.regression(dir, new CsvLogger("history.csv", true)).fit(1, 0.1f);
    List<List<String>> recs = records(file);
    assertEquals(List.of("epoch", "0", "0"), recs.stream().map(r -> r.get(0)).toList());
    assertEquals(4, recs.get(2).size());
  }

  @Test
  void readBeforeAnyFitSaysWhatToDo() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new CsvLogger().read());
    assertTrue(e.getMessage().contains("read(Path)"), e.getMessage());
  }
}
