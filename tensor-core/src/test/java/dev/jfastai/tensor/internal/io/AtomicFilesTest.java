package dev.jfastai.tensor.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    p.waitFor();
    return p.pid();
  }

  @Test
  void replacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
    Path f = dir.resolve("a.bin");
    AtomicFiles.writeBytes(f, new byte[] {1, 2, 3});
    AtomicFiles.write(f, ch -> ch.write(ByteBuffer.wrap(new byte[] {4, 5})));
    assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(f));
    assertEquals(List.of("a.bin"), names());
  }

  @Test
  void aStreamWriterMayCloseItsStream() throws IOException {
    Path f = dir.resolve("s.txt");
    AtomicFiles.writeStream(f, out -> {
      out.write("hello".getBytes(StandardCharsets.UTF_8));
      out.close(); // as ImageIO and JFreeChart do
    });
    assertEquals("hello", Files.readString(f));
  }

  @Test
  void aFailedWriteKeepsTheOldContentAndDeletesItsTemporaryFile() throws IOException {
    Path f = dir.resolve("keep.txt");
    AtomicFiles.writeBytes(f, "old".getBytes(StandardCharsets.UTF_8));
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeStream(f, out -> {
      out.write(new byte[100_000]);
      throw new IOException("No space left on device");
    }));
    assertEquals("No space left on device", e.getMessage());
    assertEquals("old", Files.readString(f));
    assertEquals(List.of("keep.txt"), names());
  }

  @Test
  void filesGetTheUmasksPermissionsNotOwnerOnly() throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) return;
    Path plain = Files.createFile(dir.resolve("plain"));
    Path f = dir.resolve("atomic");
    AtomicFiles.writeBytes(f, new byte[] {1});
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
    assertEquals(expected, Files.getPosixFilePermissions(f), "same as Files.createFile, never createTempFile's 0600");
  }

  @Test
  void aMissingFolderIsNamed() {
    Path f = dir.resolve("no/such/folder/x.bin");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AtomicFiles.writeBytes(f, new byte[1]));
    assertTrue(e.getMessage().contains(dir.resolve("no/such/folder").toString()), e.getMessage());
  }

  @Test
  void theNextWriteDeletesTemporariesOfDeadProcessesOnly() throws Exception {
    long dead = deadPid();
    Path staleFile = Files.createFile(dir.resolve(AtomicFiles.TEMP_PREFIX + dead + "-abc.x.safetensors"));
    Path staleDir = Files.createDirectories(dir.resolve(AtomicFiles.TEMP_PREFIX + dead + "-def.mnist/train"))
        .getParent();
    Files.writeString(staleDir.resolve("train/1.png"), "x");
    long self = ProcessHandle.current().pid();
    Path ours = Files.createFile(dir.resolve(AtomicFiles.TEMP_PREFIX + self + "-ghi.busy"));
    long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(self);
    Path living = Files.createFile(dir.resolve(AtomicFiles.TEMP_PREFIX + parent + "-jkl.busy"));
    Path unrelated = Files.createFile(dir.resolve(".other-tmp-1-x"));

    AtomicFiles.writeBytes(dir.resolve("new.bin"), new byte[] {7});

    assertFalse(Files.exists(staleFile), "a killed process's temporary file is deleted");
    assertFalse(Files.exists(staleDir), "a killed process's temporary folder is deleted");
    assertTrue(Files.exists(ours), "this process's own temporaries are in use");
    assertTrue(Files.exists(living), "a running process's temporaries are in use");
    assertTrue(Files.exists(unrelated), "names without the prefix are not ours");
  }

  @Test
  void aProcessIdReusedByALaterProcessDoesNotOwnAnOlderTemporary() throws IOException {
    long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
    Path old = Files.createFile(dir.resolve(AtomicFiles.TEMP_PREFIX + parent + "-old.x"));
    Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
    assertTrue(AtomicFiles.isStale(old), "made before its process id's current process started");
  }

  @Test
  void ownerPidIsParsedFromTheName() {
    assertEquals(Optional.of(42L), AtomicFiles.ownerPid(AtomicFiles.TEMP_PREFIX + "42-zz.name.tgz"));
    assertEquals(Optional.empty(), AtomicFiles.ownerPid(AtomicFiles.TEMP_PREFIX + "x-zz"));
    assertEquals(Optional.empty(), AtomicFiles.ownerPid("model.safetensors"));
  }
}
