package dev.jfastai.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a folder (or anything the OS refuses) as safetensors names the path, not just "Is a directory". */
class SafetensorsErrorsTest {
  @TempDir Path tmp;

  @Test
  void aFolderIsNamedInTheError() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("model.safetensors"));
    IOException read = assertThrows(IOException.class, () -> Safetensors.read(folder));
    assertTrue(read.getMessage().contains(folder.toString()), read.getMessage());
    IOException load = assertThrows(IOException.class, () -> Safetensors.load(new Linear(2, 2), folder));
    assertTrue(load.getMessage().contains(folder.toString()), load.getMessage());
  }
}
