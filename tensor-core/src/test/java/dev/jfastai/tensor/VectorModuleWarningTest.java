package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM started without the Vector API module says so once, naming the option; one with the module says nothing. */
class VectorModuleWarningTest {
  private static final String WARNING = "the Vector API module is missing";

  /** The child JVM's program: a few tensor ops, in two threads, enough to touch every kernel family. */
  public static final class TinyProgram {
    public static void main(String[] args) throws Exception {
      Runnable work = () -> {
        Tensor w = Tensor.randn(new Generator(1), 64, 32).requiresGrad(true);
        Tensor loss = Tensor.ones(8, 64).matmul(w).relu().sum();
        loss.backward();
        Tensor image = Tensor.randn(new Generator(2), 2, 3, 6, 6).requiresGrad(true);
        Tensor filters = Tensor.randn(new Generator(3), 4, 3, 3, 3).requiresGrad(true);
        Tensor maps = NnFunctional.conv2d(image, filters);
        NnFunctional.batchNorm(maps, null, null, null, null, BatchNormOptions.training()).sum().backward();
        Tensor small = Tensor.randn(new Generator(4), 4, 3, 2, 2).requiresGrad(true); // BatchNorm's flat passes
        NnFunctional.batchNorm(small, null, null, null, null, BatchNormOptions.training()).sum().backward();
      };
      Thread other = new Thread(work);
      other.start();
      work.run();
      other.join();
      System.out.println("done");
    }
  }

  @Test
  void withoutTheModuleTheWarningAppearsExactlyOnce() throws Exception {
    String err = runChild(List.of());
    assertEquals(1, count(err, WARNING), err);
    assertTrue(err.contains("--add-modules jdk.incubator.vector"), err);
    assertTrue(err.contains("9x slower"), err);
  }

  @Test
  void withTheModuleThereIsNoWarning() throws Exception {
    String err = runChild(List.of("--add-modules", "jdk.incubator.vector"));
    assertEquals(0, count(err, WARNING), err);
  }

  /** Runs {@link TinyProgram} in a fresh JVM on this test's class path; returns its standard error. */
  private static String runChild(List<String> jvmOptions) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), TinyProgram.class.getName()));
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
    assertEquals(0, p.exitValue(), err);
    assertEquals("done", out.strip(), err);
    return err;
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
    return n;
  }
}
