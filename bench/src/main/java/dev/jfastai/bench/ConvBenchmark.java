package dev.jfastai.bench;

import dev.jfastai.tensor.Conv2dOptions;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.NnFunctional;
import dev.jfastai.tensor.Tensor;
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
 * {@link NnFunctional#conv2d} with bias on the chapter-13 shapes ({@link ConvShape}): {@code forward} alone, and
 * {@code forwardBackward}, the forward plus the backward of a given output gradient into the input (but for the
 * first layer), weight and bias, as one training step does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ConvBenchmark {
  @Param({"MNIST_1_8", "MNIST_8_16", "MNIST_16_32", "MNIST_32_64", "MNIST_64_10",
      "SIMPLE_1_4", "SIMPLE_4_8", "SIMPLE_8_16", "SIMPLE_16_32", "SIMPLE_32_2"})
  public ConvShape shape;

  private Tensor x;
  private Tensor w;
  private Tensor b;
  private Tensor gradOutput;
  private Conv2dOptions options;

  @Setup
  public void setUp() {
    Generator g = new Generator(0);
    ConvShape s = shape;
    x = Tensor.randn(g, s.batch, s.inChannels, s.size, s.size).requiresGrad(s.inputNeedsGrad());
    w = Tensor.randn(g, s.outChannels, s.inChannels, s.kernel, s.kernel).requiresGrad(true);
    b = Tensor.randn(g, s.outChannels).requiresGrad(true);
    options = Conv2dOptions.builder().stride(s.stride).padding(s.padding).build();
    gradOutput = Tensor.randn(g, NnFunctional.conv2d(x.detach(), w.detach(), b.detach(), options).shape());
  }

  @Benchmark
  public Tensor forward() {
    try (var ignored = Tensor.noGrad()) {
      return NnFunctional.conv2d(x, w, b, options);
    }
  }

  @Benchmark
  public Tensor forwardBackward() {
    NnFunctional.conv2d(x, w, b, options).backward(gradOutput);
    Tensor grad = w.grad().orElseThrow();
    x.setGrad(null);
    w.setGrad(null);
    b.setGrad(null);
    return grad;
  }
}
