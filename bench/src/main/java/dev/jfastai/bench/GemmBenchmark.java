package dev.jfastai.bench;

import dev.jfastai.tensor.internal.kernels.Gemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per {@link Gemm#gemm} call on the Vector API kernel with its default threading (both cores for large
 * products). Subclasses rerun the same methods in JVMs forked with other kernel settings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class GemmBenchmark {
  @Param({"FWD_X_WT", "BWD_DX_NN", "BWD_DW_TN", "SQUARE_1024"})
  public GemmShape shape;

  private float[] a;
  private float[] b;
  private float[] c;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(0);
    a = uniform(random, shape.m * shape.k);
    b = uniform(random, shape.k * shape.n);
    c = new float[shape.m * shape.n];
  }

  @Benchmark
  public float[] gemm() {
    Gemm.gemm(shape.transA, shape.transB, shape.m, shape.n, shape.k, a, 0, b, 0, c, 0, false);
    return c;
  }

  private static float[] uniform(SplittableRandom random, int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) values[i] = (float) random.nextDouble(-1, 1);
    return values;
  }
}
