package dev.jfastai.bench;

import org.openjdk.jmh.annotations.Fork;

/** {@link GemmBenchmark} with the Vector API kernel held to the calling thread. */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Djfastai.kernels.threads=1"})
public class SingleThreadGemmBenchmark extends GemmBenchmark {
}
