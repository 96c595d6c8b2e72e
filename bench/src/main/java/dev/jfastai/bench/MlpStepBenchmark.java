package dev.jfastai.bench;

import dev.jfastai.nn.Linear;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.ReLU;
import dev.jfastai.nn.Sequential;
import dev.jfastai.nn.optim.SGD;
import dev.jfastai.tensor.Generator;
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
 * One training step of an MNIST-sized MLP through the public API: Linear(784,h)-ReLU-Linear(h,10), cross entropy
 * against class indices, backward, SGD step and zeroGrad, for the (batch, hidden) sizes of issue 17's table.
 * bench/torch_mlp_step.py times the same step with PyTorch; bench/compare-mlp.sh prints both side by side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MlpStepBenchmark {
  /** "batch x hidden". */
  @Param({"64x30", "256x30", "256x256", "1024x1024", "4096x1024", "256x4096"})
  public String size;

  private Tensor x;
  private Tensor y;
  private Module model;
  private SGD opt;

  @Setup
  public void setUp() {
    String[] parts = size.split("x");
    int batch = Integer.parseInt(parts[0]);
    int hidden = Integer.parseInt(parts[1]);
    Generator g = new Generator(0);
    x = Tensor.rand(g, batch, 28 * 28);
    float[] classes = new float[batch];
    for (int i = 0; i < batch; i++) classes[i] = i % 10;
    y = Tensor.of(classes, batch);
    model = new Sequential(new Linear(28 * 28, hidden), new ReLU(), new Linear(hidden, 10));
    opt = new SGD(model.parameters(), 0.01f);
  }

  @Benchmark
  public Tensor trainStep() {
    Tensor loss = Losses.crossEntropy(model.forward(x), y);
    loss.backward();
    opt.step();
    opt.zeroGrad();
    return loss;
  }
}
