package dev.jfastai.bench;

import org.openjdk.jmh.annotations.Fork;

/** {@link GemmBenchmark} on the plain-Java fallback, as a JVM without the Vector API would run it. */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Djfastai.kernels=scalar"})
public class ScalarGemmBenchmark extends GemmBenchmark {
}
