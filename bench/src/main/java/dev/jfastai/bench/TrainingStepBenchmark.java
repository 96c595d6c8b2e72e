package dev.jfastai.bench;

import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.NoGrad;
import dev.jfastai.tensor.Tensor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One step of the chapter's training loop on a batch of 256 through the tensor API: mnist_loss of
 * Linear(784,30)-ReLU-Linear(30,1), backward, then {@code p -= p.grad * lr} and {@code p.grad = None} under
 * noGrad. {@code validate} is the forward pass of the accuracy check. bench/torch_matmul.py times the same.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class TrainingStepBenchmark {
  private static final int BATCH = 256;
  private static final float LR = 0.1f;

  private Tensor x;
  private Tensor y;
  private Tensor w1;
  private Tensor b1;
  private Tensor w2;
  private Tensor b2;
  private List<Tensor> params;

  @Setup
  public void setUp() {
    Generator g = new Generator(0);
    x = Tensor.rand(g, BATCH, 28 * 28);
    y = Tensor.rand(g, BATCH, 1).gt(0.5f);
    // PyTorch's nn.Linear initialisation: uniform within 1/sqrt(fan_in).
    w1 = Tensor.uniform(g, -1 / 28f, 1 / 28f, 30, 28 * 28).requiresGrad(true);
    b1 = Tensor.uniform(g, -1 / 28f, 1 / 28f, 30).requiresGrad(true);
    float bound2 = (float) (1 / Math.sqrt(30));
    w2 = Tensor.uniform(g, -bound2, bound2, 1, 30).requiresGrad(true);
    b2 = Tensor.uniform(g, -bound2, bound2, 1).requiresGrad(true);
    params = List.of(w1, b1, w2, b2);
  }

  @Benchmark
  public Tensor trainStep() {
    Tensor loss = mnistLoss(model(x), y);
    loss.backward();
    try (NoGrad ignored = Tensor.noGrad()) {
      for (Tensor p : params) {
        p.subInPlace(p.grad().orElseThrow().mul(LR));
        p.setGrad(null);
      }
    }
    return loss;
  }

  @Benchmark
  public Tensor validate() {
    try (NoGrad ignored = Tensor.noGrad()) {
      return model(x).sigmoid().gt(0.5f).eq(y).mean();
    }
  }

  private Tensor model(Tensor in) {
    return Tensor.linear(Tensor.linear(in, w1, b1).relu(), w2, b2);
  }

  private static Tensor mnistLoss(Tensor pred, Tensor target) {
    Tensor p = pred.sigmoid();
    return Tensor.where(target.eq(1f), p.rsub(1f), p).mean();
  }
}
