package dev.jfastai.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's float32 FMA peak on one thread, as the Vector API reaches it: twelve independent FMA chains on
 * registers, nothing loaded. The score is FLOP per second (one FMA lane is two); the GEMM benchmarks' GFLOP/s
 * divided by it (times the threads used) is the fraction of peak that bench/README.md reports.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@State(Scope.Thread)
public class PeakFlopsBenchmark {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int STEPS = 1 << 16;
  private static final int CHAINS = 12;

  private final float[] out = new float[SPECIES.length()];
  private float x = 1.0001f;
  private float y = 0.9999f;

  @Benchmark
  @OperationsPerInvocation(STEPS * CHAINS * 2 * 16)
  public float fmaChains() {
    if (SPECIES.length() != 16) throw new IllegalStateException("the FLOP count assumes 16 lanes (AVX-512)");
    FloatVector a = FloatVector.broadcast(SPECIES, x);
    FloatVector b = FloatVector.broadcast(SPECIES, y);
    FloatVector c0 = FloatVector.zero(SPECIES);
    FloatVector c1 = c0;
    FloatVector c2 = c0;
    FloatVector c3 = c0;
    FloatVector c4 = c0;
    FloatVector c5 = c0;
    FloatVector c6 = c0;
    FloatVector c7 = c0;
    FloatVector c8 = c0;
    FloatVector c9 = c0;
    FloatVector c10 = c0;
    FloatVector c11 = c0;
    for (int i = 0; i < STEPS; i++) {
      c0 = a.fma(b, c0);
      c1 = a.fma(b, c1);
      c2 = a.fma(b, c2);
      c3 = a.fma(b, c3);
      c4 = a.fma(b, c4);
      c5 = a.fma(b, c5);
      c6 = a.fma(b, c6);
      c7 = a.fma(b, c7);
      c8 = a.fma(b, c8);
      c9 = a.fma(b, c9);
      c10 = a.fma(b, c10);
      c11 = a.fma(b, c11);
    }
    c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).intoArray(out, 0);
    return out[0];
  }
}
