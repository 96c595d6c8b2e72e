package dev.jfastai.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** I/O failures name the file or URL at fault and never end in a bare "null" or a message without a path. */
class ErrorsNameTheFileTest {
  @TempDir Path tmp;

  private static IOException assertNames(Executable call, String... parts) {
    IOException e = assertThrows(IOException.class, call);
    for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
    assertFalse(e.getMessage().contains(": null"), e.getMessage());
    return e;
  }

  @Test
  void readingAFolderAsAFileNamesIt() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("labels.csv"));
    assertNames(() -> MnistSample.readLabels(folder), folder.toString());
    assertNames(() -> IdxFile.read(folder), folder.toString());
    assertNames(() -> Images.read(folder), folder.toString());
  }

  @Test
  void aRefusedConnectionNamesTheUrlAndTheReason() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    String url = "http://127.0.0.1:" + port + "/files/mnist_tiny.tgz";
    IOException e = assertNames(() -> UntarData.atHome(tmp).quiet(true).untar(url), url, "ConnectException");
    assertFalse(e.getMessage().startsWith("null"), e.getMessage());
  }
}
