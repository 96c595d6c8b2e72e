package dev.jfastai.nn;

import static dev.jfastai.nn.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by PyTorch (via make_fixtures.py, by hand in the format) load with identical values, our files
 * round-trip, and malformed files are rejected before anything is loaded.
 *
 * <p>Manual cross-check (Python cannot run in the tests): {@link #fixtureModelLoadsAndSavesBack} writes
 * {@code nn/target/python-check/model.safetensors}; then run, from the repository root,
 * {@code /usr/bin/python3 nn/src/test/python/make_fixtures.py --check nn/target/python-check/model.safetensors},
 * which parses it with its own strict reader and compares it with the PyTorch fixture (exit status 0 when equal).
 */
class SafetensorsTest {
  private static final JsonNode FIXTURE = Fixtures.json("safetensors.json");

  private static Sequential fixtureModel() {
    Generator g = new Generator(0);
    return new Sequential(new Linear(4, 3, g), new ReLU(), new Linear(3, 2, g));
  }

  @Test
  void fixtureModelLoadsAndSavesBack() throws IOException {
    Sequential model = fixtureModel();
    Safetensors.load(model, Fixtures.path("model.safetensors"));
    Fixtures.tensors(FIXTURE.get("model").get("state")).forEach((k, t) ->
        assertArrayEquals(t.toFloatArray(), model.stateDict().get(k).toFloatArray(), k));
    assertEquals(FIXTURE.get("model").get("repr").asText(), model.toString());
    assertClose(FIXTURE.get("model").get("output"), model.forward(Fixtures.tensor(FIXTURE.get("model").get("input"))),
        1e-6, 1e-6, "output with PyTorch's weights");
    assertEquals(Map.of("format", "pt"), Safetensors.read(Fixtures.path("model.safetensors")).metadata());

    // For the documented Python --check (a build directory inside the repository, not a temp dir).
    Path out = Path.of("target", "python-check", "model.safetensors");
    Files.createDirectories(out.getParent());
    Safetensors.save(model, out);
    assertEquals(Files.size(Fixtures.path("model.safetensors")), Files.size(out));
    assertArrayEquals(Files.readAllBytes(Fixtures.path("model.safetensors")), Files.readAllBytes(out),
        "same tensors and metadata in the same order give the reference writer's exact bytes");
  }

  @Test
  void readsF16Bf16F64ScalarsAndEmptyTensors() throws IOException {
    SafetensorsContent content = Safetensors.read(Fixtures.path("dtypes.safetensors"));
    JsonNode expected = FIXTURE.get("dtypes");
    assertEquals(List.of("f16", "bf16", "f64", "scalar", "empty"), List.copyOf(content.tensors().keySet()));
    Fixtures.tensors(expected.get("tensors")).forEach((k, t) -> {
      assertArrayEquals(t.shape(), content.tensors().get(k).shape(), k);
      assertArrayEquals(t.toFloatArray(), content.tensors().get(k).toFloatArray(), k);
    });
    assertEquals(Map.of("source", "make_fixtures.py", "note", "mixed dtypes"), content.metadata());
  }

  @Test
  void writeReadRoundTripAndAtomicReplace(@TempDir Path dir) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("b.weight", Tensor.randn(new Generator(1), 5, 7));
    tensors.put("a.scalar", Tensor.scalar(-3.5f));
    tensors.put("empty", Tensor.zeros(0, 4));
    tensors.put("special", Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0f, Float.MIN_VALUE}, 4));
    tensors.put("view", Tensor.arange(12).reshape(3, 4).narrow(0, 1, 2)); // offset into shared storage
    Path file = dir.resolve("t.safetensors");
    Files.writeString(file, "old contents");
    Safetensors.write(tensors, Map.of("epoch", "3"), file);
    SafetensorsContent back = Safetensors.read(file);
    assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.tensors().keySet()));
    tensors.forEach((k, t) -> {
      assertArrayEquals(t.shape(), back.tensors().get(k).shape(), k);
      assertArrayEquals(t.toFloatArray(), back.tensors().get(k).toFloatArray(), k);
    });
    assertEquals(Map.of("epoch", "3"), back.metadata());
    long headerLength = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, headerLength % 8, "header padded to 8 bytes so data is aligned");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file left behind");
    }
  }

  @Test
  void moduleRoundTripAndStrictLoad(@TempDir Path dir) throws IOException {
    Sequential trained = new Sequential(new Linear(4, 3, new Generator(1)), new ReLU(),
        new Linear(3, 2, new Generator(2)));
    Path file = dir.resolve("model.safetensors");
    Safetensors.save(trained, file);
    Sequential fresh = fixtureModel();
    Safetensors.load(fresh, file);
    trained.stateDict().forEach((k, t) ->
        assertArrayEquals(t.toFloatArray(), fresh.stateDict().get(k).toFloatArray(), k));

    Sequential other = new Sequential(new Linear(4, 3, new Generator(3)), new ReLU(),
        new Linear(3, 5, new Generator(4)));
    Map<String, Tensor> before = other.stateDict();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Safetensors.load(other, file));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("2.weight"), e.getMessage());
    before.forEach((k, t) -> assertArrayEquals(t.toFloatArray(), other.stateDict().get(k).toFloatArray(), k));
  }

  @Test
  void invalidWritesLeaveTheOldFileAlone(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("keep.safetensors");
    Files.writeString(file, "previous");
    assertThrows(IllegalArgumentException.class,
        () -> Safetensors.write(Map.of("__metadata__", Tensor.zeros(1)), Map.of(), file));
    assertThrows(IllegalArgumentException.class, () -> Safetensors.write(Map.of("", Tensor.zeros(1)), Map.of(), file));
    assertEquals("previous", Files.readString(file));
    java.io.UncheckedIOException missing = assertThrows(java.io.UncheckedIOException.class,
        () -> Safetensors.write(Map.of("x", Tensor.zeros(1)), Map.of(), dir.resolve("no/such/x.safetensors")));
    assertInstanceOf(java.nio.file.NoSuchFileException.class, missing.getCause());
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    assertTrue(missing.getMessage().contains(dir.resolve("no/such/x.safetensors").toString()), missing.getMessage());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  // ------------------------------------------------------------------ corrupted files

  /** A file of an 8-byte length, {@code header} as given, then {@code dataBytes} zero bytes. */
  private static Path file(Path dir, String header, int dataBytes) throws IOException {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h);
    Path f = dir.resolve("bad.safetensors");
    Files.write(f, b.array());
    return f;
  }

  private static String entry(String name, String dtype, String shape, long begin, long end) {
    return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + ","
        + end + "]}";
  }

  private static void assertRejected(Path f, String fragment) {
    Sequential model = fixtureModel();
    Map<String, Tensor> before = model.stateDict();
    SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.load(model, f));
    assertTrue(e.getMessage().startsWith(f.toString()), "names the file: " + e.getMessage());
    assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    before.forEach((k, t) -> assertArrayEquals(t.toFloatArray(), model.stateDict().get(k).toFloatArray(), k));
  }

  @Test
  void rejectsBrokenLengthsAndHeaders(@TempDir Path dir) throws IOException {
    Path tiny = dir.resolve("tiny.safetensors");
    Files.write(tiny, new byte[] {1, 2, 3});
    assertRejected(tiny, "shorter than the 8-byte header length");

    Path huge = dir.resolve("huge.safetensors");
    Files.write(huge, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(100_000_001L).array());
    assertRejected(huge, "exceeds the 100 MB limit");

    Path longer = dir.resolve("longer.safetensors");
    Files.write(longer, ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(50).array());
    assertRejected(longer, "header length 50 is longer than the file (20 bytes)");

    assertRejected(file(dir, "[1,2]", 0), "does not start with '{'");
    assertRejected(file(dir, "{\"a\":", 0), "not valid JSON");
    assertRejected(file(dir, "{} {}", 0), "not valid JSON");
    assertRejected(file(dir, "{" + entry("x", "F32", "[1]", 0, 4) + "," + entry("x", "F32", "[1]", 4, 8) + "}", 8),
        "not valid JSON");
    assertRejected(file(dir, "{\"__metadata__\":{\"k\":1}}", 0), "__metadata__ value of 'k' is not a string");
    assertRejected(file(dir, "{\"x\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "needs dtype, shape and data_offsets");
  }

  @Test
  void rejectsBadEntries(@TempDir Path dir) throws IOException {
    assertRejected(file(dir, "{" + entry("w", "F99", "[2]", 0, 8) + "}", 8), "unknown dtype F99");
    assertRejected(file(dir, "{" + entry("w", "I32", "[1]", 0, 4) + "}", 4), "dtype I32 is not supported");
    assertRejected(file(dir, "{" + entry("w", "F32", "[2,3]", 0, 20) + "}", 20),
        "shape [2, 3] of F32 needs 24 bytes but data_offsets [0, 20] hold 20");
    assertRejected(file(dir, "{" + entry("w", "F32", "[-1]", 0, 4) + "}", 4), "non-negative ints");
    assertRejected(file(dir, "{" + entry("w", "F32", "[1.5]", 0, 4) + "}", 4), "non-negative ints");
    assertRejected(file(dir, "{" + entry("w", "F32", "[1]", 8, 4) + "}", 8), "end before they begin");
    assertRejected(file(dir, "{" + entry("w", "F32", "[1]", -4, 0) + "}", 8), "two non-negative integers");
  }

  @Test
  void rejectsOffsetsThatOverlapLeaveGapsOrRunPastTheEnd(@TempDir Path dir) throws IOException {
    assertRejected(file(dir, "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}", 12),
        "tensor 'b' at bytes [4, 12) overlaps tensor 'a'");
    assertRejected(file(dir, "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}", 12),
        "gap of 4 bytes before tensor 'b'");
    assertRejected(file(dir, "{" + entry("a", "F32", "[1]", 4, 8) + "}", 8), "gap of 4 bytes before tensor 'a'");
    assertRejected(file(dir, "{" + entry("a", "F32", "[4]", 0, 16) + "}", 12), "run past the end of the data section");
    assertRejected(file(dir, "{" + entry("a", "F32", "[1]", 0, 4) + "}", 10), "6 bytes after the last tensor");
  }

  @Test
  void truncatingAValidFileIsDetected(@TempDir Path dir) throws IOException {
    byte[] good = Files.readAllBytes(Fixtures.path("model.safetensors"));
    Path cut = dir.resolve("cut.safetensors");
    Files.write(cut, java.util.Arrays.copyOf(good, good.length - 4));
    assertRejected(cut, "run past the end of the data section");
  }
}
