package dev.jfastai.tensor.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Starts fresh JVMs to check the start-up choice of kernel, which one JVM cannot observe twice. */
class GemmFallbackTest {
  /** Entry point of the child JVM: multiplies a 40x50 by a 50x60 of ones and prints kernel and a result. */
  public static void main(String[] args) {
    int m = 40;
    int n = 60;
    int k = 50;
    float[] a = new float[m * k];
    float[] b = new float[k * n];
    java.util.Arrays.fill(a, 1f);
    java.util.Arrays.fill(b, 1f);
    float[] c = new float[m * n];
    Gemm.gemm(false, true, m, n, k, a, 0, b, 0, c, 0, false);
    System.out.println(Gemm.kernelName() + " " + c[m * n - 1]);
  }

  @Test
  void withoutTheVectorModuleFallsBackToScalarLoops() throws Exception {
    assertEquals("scalar 50.0", runChild(List.of()));
  }

  @Test
  void propertyForcesScalarLoopsEvenWithTheModule() throws Exception {
    assertEquals("scalar 50.0", runChild(List.of("--add-modules", "jdk.incubator.vector", "-Djfastai.kernels=scalar")));
  }

  @Test
  void withTheModuleUsesTheVectorKernel() throws Exception {
    assertEquals("vector 50.0", runChild(List.of("--add-modules", "jdk.incubator.vector")));
  }

  private static String runChild(List<String> jvmOptions) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(GemmFallbackTest.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child JVM did not finish: " + command);
    }
    assertEquals(0, process.exitValue(), "child JVM failed: " + output);
    // The last line is ours; the JVM may print an incubator-module warning before it.
    String[] lines = output.strip().split("\\R");
    return lines[lines.length - 1];
  }
}
