package dev.jfastai.examples.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void columnsAreHeaderWideAndTwoSpacesApart() {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
    TextTable table = new TextTable(out, "Epoch", "Train Loss", "batch_accuracy");
    table.printHeader();
    table.printRow(0, "0.3107", "0.5112");
    table.printRow(10, "0.022", "0.98");
    assertEquals(String.join(System.lineSeparator(),
        "Epoch  Train Loss  batch_accuracy",
        "0      0.3107      0.5112",
        "10     0.022       0.98", ""), text.toString(StandardCharsets.UTF_8));
  }

  @Test
  void wrongNumberOfValuesNamesTheColumns() {
    TextTable table = new TextTable(System.out, "Epoch", "batch_accuracy");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.printRow(1));
    assertEquals("Table row has 1 values for 2 columns [Epoch, batch_accuracy]", e.getMessage());
  }
}
