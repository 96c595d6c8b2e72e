package dev.jfastai.examples;

import dev.jfastai.data.Batch;
import dev.jfastai.data.MnistSample;
import dev.jfastai.examples.chapter4.BatchSlices;
import dev.jfastai.examples.chapter4.ChapterModels;
import dev.jfastai.examples.chapter4.TrainingSteps;
import dev.jfastai.examples.internal.PyFormat;
import dev.jfastai.nn.LossFunction;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.optim.BasicOptim;
import dev.jfastai.nn.optim.Optimizer;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jfastai bench}: the chapter's workload timed exactly like the PyTorch reference
 * {@code seed_loop_torch.py --fast}: decode the PNGs of an extracted MNIST_SAMPLE folder into tensors ({@code load_s}),
 * then fit {@code simple_net} with the plain loop on batches sliced once from those tensors, validating after each
 * epoch ({@code train_s}, the sum of the epoch times; {@code median_epoch_ms}, the upper median). The last line is
 * one JSON object with the reference's fields.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Time the chapter's workload; the last line is JSON like the PyTorch reference's.",
    description = {"Times the chapter's workload (load the PNGs, then a plain-loop fit on pre-sliced batches) and",
        "prints, as its last line, one JSON object with the fields of the PyTorch reference script:",
        "load_s, train_s, median_epoch_ms, first_acc, final_acc; then first_epoch_ms and alloc_per_step_bytes",
        "(bytes the training thread allocates per step, over the second half of the epochs)."})
final class BenchCommand implements Callable<Integer> {
  private static final int BATCH_SIZE = 256;
  private static final float LR = 0.1f;

  @Spec CommandSpec spec;

  @ParentCommand JfastaiCli cli;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "An extracted mnist_sample folder.")
  Path data;

  @Option(names = "--epochs", defaultValue = "40", description = "Epochs to time (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--threads", paramLabel = "N",
      description = "Threads for image decoding and the parallel kernels (default: the common pool's, i.e. all cores).")
  Integer threads;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed of the initial weights (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--quiet", description = "Print only the JSON line, not each epoch's accuracy.")
  boolean quiet;

  @Option(names = "--epoch-ms",
      description = "Also print each epoch's milliseconds after its accuracy (shows the JIT's warm-up).")
  boolean epochMs;

  @Override
  public Integer call() throws Exception {
    OptionChecks.atLeast(spec.commandLine(), "--epochs", epochs, 1);
    if (threads == null) return run(ForkJoinPool.getCommonPoolParallelism() + 1);
    OptionChecks.atLeast(spec.commandLine(), "--threads", threads, 1);
    // Parallel streams and forked kernel tasks stay in the pool of the worker that starts them: running the whole
    // bench on a pool of N workers caps it at N threads, whatever the common pool's size.
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(() -> run(threads)).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      pool.shutdown();
    }
  }

  private int run(int threadCount) throws IOException {
    PrintStream out = cli.out();

    long t0 = System.nanoTime();
    MnistSample chapter = MnistSample.load(data);
    double loadSeconds = seconds(System.nanoTime() - t0);

    List<Batch> train = BatchSlices.of(chapter.trainX(), chapter.trainY(), BATCH_SIZE);
    List<Batch> valid = BatchSlices.of(chapter.validX(), chapter.validY(), BATCH_SIZE);
    Module model = ChapterModels.simpleNet(seed);
    Optimizer opt = new BasicOptim(model.parameters(), LR);
    LossFunction loss = Losses::mnistLoss;

    double[] epochSeconds = new double[epochs];
    List<Double> accuracies = new ArrayList<>(epochs);
    AllocationMeter alloc = new AllocationMeter(epochs / 2);
    for (int epoch = 0; epoch < epochs; epoch++) {
      long t = System.nanoTime();
      alloc.beforeEpoch(epoch);
      TrainingSteps.trainEpoch(model, loss, opt, train);
      alloc.afterTraining(epoch, train.size());
      double accuracy = TrainingSteps.validateEpoch(model, valid, TrainingSteps::batchAccuracy);
      epochSeconds[epoch] = seconds(System.nanoTime() - t);
      accuracies.add(accuracy);
      if (!quiet) {
        out.println(epoch + " " + PyFormat.repr(accuracy)
            + (epochMs ? " " + PyFormat.rounded(1000 * epochSeconds[epoch], 2) : ""));
        out.flush();
      }
    }
    out.println(json(threadCount, loadSeconds, epochSeconds, accuracies, alloc.bytesPerStep()));
    out.flush();
    return 0;
  }

  /** The reference's JSON line, same keys in the same order, numbers rounded the same way. */
  private static String json(int threads, double loadSeconds, double[] epochSeconds, List<Double> accuracies,
      long allocPerStep) {
    double trainSeconds = Arrays.stream(epochSeconds).sum();
    double[] sorted = epochSeconds.clone();
    Arrays.sort(sorted);
    double medianMs = 1000 * sorted[sorted.length / 2];
    return "{\"impl\": \"" + impl() + "\", \"threads\": " + threads
        + ", \"fast\": true"
        + ", \"load_s\": " + PyFormat.rounded(loadSeconds, 3)
        + ", \"train_s\": " + PyFormat.rounded(trainSeconds, 3)
        + ", \"median_epoch_ms\": " + PyFormat.rounded(medianMs, 2)
        + ", \"first_acc\": " + PyFormat.repr(accuracies.get(0))
        + ", \"final_acc\": " + PyFormat.repr(accuracies.get(accuracies.size() - 1))
        + ", \"first_epoch_ms\": " + PyFormat.rounded(1000 * epochSeconds[0], 2)
        + ", \"alloc_per_step_bytes\": " + allocPerStep + "}";
  }

  /**
   * Bytes the training thread allocates per training step, summed over the epochs from {@code firstEpoch} on (the
   * steady state once the JIT has compiled the step; -1 where the JVM does not count allocations per thread).
   * Work forked to the kernels' worker threads is not counted.
   */
  private static final class AllocationMeter {
    private final com.sun.management.ThreadMXBean threads = threadBean();
    private final int firstEpoch;
    private long start;
    private long bytes;
    private long steps;

    AllocationMeter(int firstEpoch) {
      this.firstEpoch = firstEpoch;
    }

    void beforeEpoch(int epoch) {
      if (threads != null && epoch >= firstEpoch) start = threads.getCurrentThreadAllocatedBytes();
    }

    void afterTraining(int epoch, int stepCount) {
      if (threads == null || epoch < firstEpoch) return;
      bytes += threads.getCurrentThreadAllocatedBytes() - start;
      steps += stepCount;
    }

    long bytesPerStep() {
      return threads == null || steps == 0 ? -1 : bytes / steps;
    }

    private static com.sun.management.ThreadMXBean threadBean() {
      if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean)
          || !bean.isThreadAllocatedMemorySupported()) {
        return null;
      }
      bean.setThreadAllocatedMemoryEnabled(true);
      return bean;
    }
  }

  /** {@code jfastai-<version>-vector} when the Vector API kernels are available, {@code -scalar} otherwise. */
  private static String impl() {
    boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    return "jfastai-" + JfastaiCli.version() + (vector ? "-vector" : "-scalar");
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
