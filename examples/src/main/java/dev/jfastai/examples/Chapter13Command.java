package dev.jfastai.examples;

import dev.jfastai.callbacks.ActivationStats;
import dev.jfastai.callbacks.ProgressCallback;
import dev.jfastai.data.ImageDataLoaders;
import dev.jfastai.data.URLs;
import dev.jfastai.examples.chapter13.ChapterCnns;
import dev.jfastai.examples.internal.PyFormat;
import dev.jfastai.learner.EpochRecord;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.Metrics;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.optim.Optimizers;
import dev.jfastai.tensor.Generator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jfastai chapter13}: fastai book chapter 13 ("Convolutions") on the real data, every fit with fastai's
 * default optimizer (Adam, decoupled weight decay 0.01 off biases and BatchNorm), cross entropy, accuracy and the
 * progress table; the ActivationStats pictures the book shows are written as PNG files.
 */
@Command(name = "chapter13", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Reproduce fastai's chapter 13 (convolutions) on MNIST.",
    description = {"Runs the CNNs of fastai's chapter 13 (--part):",
        "  sample  MNIST_SAMPLE, batch 64, simple_cnn (4 stride-2 convs + ReLU, conv(32,2)), fit_one_cycle(2, 0.01)",
        "  mnist   full MNIST (Normalize, batch 512), simple_cnn from conv(1,8,ks=5): fit(1, 0.06),",
        "          fit_one_cycle(1, 0.06), the BatchNorm CNN fit_one_cycle(1, 0.06), then fit_one_cycle(5, 0.1)",
        "--epochs sets the epochs of the part's last fit; ActivationStats PNGs go to --out."})
final class Chapter13Command implements Callable<Integer> {
  /** The chapter's two datasets. */
  enum Part { sample, mnist }

  @Spec CommandSpec spec;

  @ParentCommand JfastaiCli cli;

  @Mixin DataOptions dataOptions;

  @Option(names = "--part", defaultValue = "sample", paramLabel = "PART",
      description = "Which part to run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Part part;

  @Option(names = "--epochs", description = "Epochs of the part's last fit (default: 2 for sample, 5 for mnist).")
  Integer epochs;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed of the weights and the shuffling: same seed, same numbers (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", defaultValue = "chapter13-output", paramLabel = "DIR",
      description = "Folder for the ActivationStats pictures (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--quiet", description = "Print only the tables and results: no headings, no download progress.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (epochs != null) OptionChecks.atLeast(spec.commandLine(), "--epochs", epochs, 1);
    PrintStream console = cli.out();
    if (part == Part.sample) {
      sample(console);
    } else {
      mnist(console);
    }
    console.flush();
    return 0;
  }

  /** The chapter's first CNN: threes and sevens. */
  private void sample(PrintStream console) throws Exception {
    Path path = dataOptions.resolve(URLs.MNIST_SAMPLE, quiet);
    ImageDataLoaders dls = ImageDataLoaders.builder(path).batchSize(64).gray(true)
        .shuffle(new Generator(seed + 1)).build();
    describe(console, "MNIST_SAMPLE", path, dls);
    int n = epochs != null ? epochs : 2;
    heading(console, "learn = Learner(dls, simple_cnn, loss_func=F.cross_entropy, metrics=accuracy)\n"
        + "learn.fit_one_cycle(" + n + ", 0.01)");
    Learner learn = learner(dls, ChapterCnns.sampleCnn(seed), null);
    learn.fitOneCycle(n, 0.01f);
    result(console, "simple_cnn", learn);
  }

  /** The chapter's full-MNIST runs, from the failing plain fit to the BatchNorm CNN. */
  private void mnist(PrintStream console) throws Exception {
    Path path = dataOptions.resolve(URLs.MNIST, quiet);
    ImageDataLoaders dls = ImageDataLoaders.builder(path).train("training").valid("testing").batchSize(512)
        .gray(true).normalizeFromTraining().shuffle(new Generator(seed + 1)).build();
    describe(console, "MNIST", path, dls);

    heading(console, "learn = fit(): Learner(dls, simple_cnn(), ..., cbs=ActivationStats(with_hist=True))"
        + ".fit(1, 0.06)");
    ActivationStats stats = ActivationStats.builder().histograms(true).build();
    Learner learn = learner(dls, ChapterCnns.mnistCnn(seed, false), stats);
    learn.fit(1, 0.06f);
    result(console, "plain fit", learn);
    pictures(console, stats, "1-fit", true);

    heading(console, "learn = fit(): the same with fit_one_cycle(1, 0.06)");
    stats = ActivationStats.builder().histograms(true).build();
    learn = learner(dls, ChapterCnns.mnistCnn(seed, false), stats);
    learn.fitOneCycle(1, 0.06f);
    result(console, "one cycle", learn);
    pictures(console, stats, "2-one-cycle", false);

    heading(console, "conv = Conv2d -> ReLU -> BatchNorm2d; learn = fit(): fit_one_cycle(1, 0.06)");
    stats = ActivationStats.builder().histograms(true).build();
    learn = learner(dls, ChapterCnns.mnistCnn(seed, true), stats);
    learn.fitOneCycle(1, 0.06f);
    result(console, "batchnorm", learn);
    colorDim(console, stats, "3-batchnorm");

    int n = epochs != null ? epochs : 5;
    heading(console, "learn = fit(" + n + ", lr=0.1): the BatchNorm CNN, fit_one_cycle(" + n + ", 0.1)");
    learn = learner(dls, ChapterCnns.mnistCnn(seed, true), null);
    learn.fitOneCycle(n, 0.1f);
    result(console, "batchnorm " + n + " epochs", learn);
  }

  private Learner learner(ImageDataLoaders dls, Module model, ActivationStats stats) {
    var builder = Learner.builder(dls.dataLoaders(), model).optFunc(Optimizers.fastaiAdam())
        .lossFunc(Losses::crossEntropy).metrics(Metrics.accuracy())
        .callbacks(ProgressCallback.builder().out(cli.out()).build())
        .path(out);
    if (stats != null) builder.callbacks(stats);
    return builder.build();
  }

  private void describe(PrintStream console, String name, Path path, ImageDataLoaders dls) {
    if (quiet) return;
    console.printf("%s at %s: %d training and %d validation images, vocab %s%n", name, path,
        dls.trainFiles().size(), dls.validFiles().size(), dls.vocab());
    dls.normalize().ifPresent(n -> console.printf("Normalize(mean=%s, std=%s) from the training set%n",
        PyFormat.rounded(n.mean()[0], 4), PyFormat.rounded(n.std()[0], 4)));
  }

  private static void result(PrintStream console, String run, Learner learn) {
    List<EpochRecord> epochs = learn.recorder().epochs();
    double accuracy = epochs.get(epochs.size() - 1).value("accuracy");
    console.println(run + ": accuracy " + PyFormat.rounded(accuracy, 4));
    console.flush();
  }

  /** The book's plots after a run: plot_layer_stats(0) (first run only), plot_layer_stats(-2), color_dim(-2). */
  private void pictures(PrintStream console, ActivationStats stats, String run, boolean first) {
    int last2 = stats.modules().size() - 2;
    if (first) written(console, stats.plotLayerStats(0, out.resolve(run + "-layer-stats-0.png")));
    written(console, stats.plotLayerStats(last2, out.resolve(run + "-layer-stats--2.png")));
    if (!first) colorDim(console, stats, run);
  }

  private void colorDim(PrintStream console, ActivationStats stats, String run) {
    written(console, stats.colorDim(stats.modules().size() - 2, out.resolve(run + "-color-dim--2.png")));
  }

  private void written(PrintStream console, Path png) {
    if (!quiet) console.println("wrote " + png);
  }

  private void heading(PrintStream console, String title) {
    if (quiet) return;
    console.println();
    console.println(title);
    console.flush();
  }
}
