package dev.jfastai.examples;

import dev.jfastai.callbacks.ProgressCallback;
import dev.jfastai.data.ImageDataLoaders;
import dev.jfastai.examples.chapter13.ChapterCnns;
import dev.jfastai.examples.internal.PyFormat;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.EpochRecord;
import dev.jfastai.learner.Event;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.Metrics;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.Optimizers;
import dev.jfastai.tensor.Generator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jfastai bench cnn}: chapter 13's last model timed like the PyTorch reference {@code cnn_torch.py}: load
 * the 70,000 PNGs of an extracted mnist_png folder, normalized ({@code load_s}), then the BatchNorm CNN with
 * fastai's Adam, batch 512, {@code fit_one_cycle(5, 0.1)} ({@code train_s}, JIT warm-up included; {@code epoch_s}
 * per epoch with its validation). The last line is one JSON object with the reference's fields.
 */
@Command(name = "cnn", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Time chapter 13's BatchNorm CNN on full MNIST; the last line is JSON like cnn_torch.py's.",
    description = {"Loads the MNIST PNGs (training/ and testing/), then fit_one_cycle(EPOCHS, 0.1) of the BatchNorm",
        "CNN at batch 512, and prints one JSON object: load_s, train_s, epoch_s, median_epoch_s, final_acc."})
final class BenchCnnCommand implements Callable<Integer> {
  private static final int BATCH_SIZE = 512;
  private static final float LR = 0.1f;

  @Spec CommandSpec spec;

  @ParentCommand BenchCommand bench;

  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "An extracted mnist_png folder (training/<digit>/*.png, testing/<digit>/*.png).")
  Path data;

  @Option(names = "--epochs", defaultValue = "5", description = "Epochs of the one cycle (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--threads", paramLabel = "N",
      description = "Threads for image decoding and the parallel kernels (default: all cores).")
  Integer threads;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed of the weights and the shuffling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--quiet", description = "Print only the JSON line, not the progress table.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    OptionChecks.atLeast(spec.commandLine(), "--epochs", epochs, 1);
    if (threads != null) OptionChecks.atLeast(spec.commandLine(), "--threads", threads, 1);
    return ThreadCap.run(threads, this::run);
  }

  private int run(int threadCount) {
    PrintStream out = bench.cli.out();
    long t0 = System.nanoTime();
    ImageDataLoaders dls = ImageDataLoaders.builder(data).train("training").valid("testing").batchSize(BATCH_SIZE)
        .gray(true).normalizeFromTraining().shuffle(new Generator(seed + 1)).build();
    double loadSeconds = BenchCommand.seconds(System.nanoTime() - t0);

    List<Double> epochSeconds = new ArrayList<>();
    long[] epochStart = new long[1];
    var builder = Learner.builder(dls.dataLoaders(), ChapterCnns.mnistCnn(seed, true))
        .optFunc(Optimizers.fastaiAdam()).lossFunc(Losses::crossEntropy).metrics(Metrics.accuracy())
        .callbacks(Callback.on(Event.beforeEpoch, l -> epochStart[0] = System.nanoTime()), Callback.on(Event.afterEpoch,
            l -> epochSeconds.add(BenchCommand.seconds(System.nanoTime() - epochStart[0]))));
    if (!quiet) builder.callbacks(ProgressCallback.builder().out(out).build());
    Learner learn = builder.build();
    long t1 = System.nanoTime();
    learn.fitOneCycle(epochs, LR);
    double trainSeconds = BenchCommand.seconds(System.nanoTime() - t1);
    List<EpochRecord> records = learn.recorder().epochs();
    double accuracy = records.get(records.size() - 1).value("accuracy");
    out.println(json(threadCount, loadSeconds, trainSeconds, epochSeconds, accuracy));
    out.flush();
    return 0;
  }

  /** cnn_torch.py's JSON fields in its order (numpy's median: the mean of the middle two for an even count). */
  private static String json(int threads, double loadSeconds, double trainSeconds, List<Double> epochSeconds,
      double accuracy) {
    double[] sorted = epochSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    StringJoiner epochs = new StringJoiner(", ", "[", "]");
    for (double e : epochSeconds) epochs.add(PyFormat.rounded(e, 3));
    return "{\"impl\": \"" + BenchCommand.impl() + "\", \"threads\": " + threads
        + ", \"load_s\": " + PyFormat.rounded(loadSeconds, 3)
        + ", \"train_s\": " + PyFormat.rounded(trainSeconds, 3)
        + ", \"epoch_s\": " + epochs
        + ", \"median_epoch_s\": " + PyFormat.rounded(median, 3)
        + ", \"final_acc\": " + PyFormat.rounded(accuracy, 4) + "}";
  }
}
