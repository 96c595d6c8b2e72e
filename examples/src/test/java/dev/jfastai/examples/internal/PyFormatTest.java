package dev.jfastai.examples.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jfastai.examples.Fixtures;
import org.junit.jupiter.api.Test;

/** Numbers print exactly as Python prints them (fixture pyformat.json, written by Python itself). */
class PyFormatTest {
  @Test
  void roundAndReprMatchPython() {
    for (JsonNode c : Fixtures.read("pyformat.json")) {
      double x = c.get("x").asDouble();
      int digits = c.get("digits").asInt();
      String what = "round(" + x + ", " + digits + ")";
      assertEquals(c.get("round").asDouble(), PyFormat.round(x, digits), what);
      assertEquals(c.get("repr").asText(), PyFormat.rounded(x, digits), "repr of " + what);
    }
  }

  @Test
  void floatsPrintAsTyped() {
    assertEquals("0.1", PyFormat.repr(0.1f));
    assertEquals("0.005", PyFormat.repr(0.005f));
    assertEquals("0.0001", PyFormat.repr(1e-4f));
    assertEquals("3.0", PyFormat.repr(3f));
  }

  @Test
  void specialValues() {
    assertEquals("nan", PyFormat.repr(Double.NaN));
    assertEquals("inf", PyFormat.repr(Double.POSITIVE_INFINITY));
    assertEquals("-inf", PyFormat.repr(Double.NEGATIVE_INFINITY));
  }
}
