package dev.jfastai.examples;

import dev.jfastai.callbacks.ProgressCallback;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.data.Mnist;
import dev.jfastai.data.URLs;
import dev.jfastai.examples.internal.PyFormat;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.Metrics;
import dev.jfastai.nn.Linear;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.ReLU;
import dev.jfastai.nn.Sequential;
import dev.jfastai.nn.optim.OptimizerFactory;
import dev.jfastai.nn.optim.Optimizers;
import dev.jfastai.tensor.Generator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jfastai mnist}: beyond the chapter, all ten digits of MNIST with a two-layer MLP, cross-entropy and
 * {@code fitOneCycle} (Adam, or SGD with momentum), printing fastai's progress table and the test accuracy.
 */
@Command(name = "mnist", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Train an MLP on all ten MNIST digits with fit_one_cycle.",
    description = {"Trains an MLP (784-HIDDEN-10) on the full MNIST with cross-entropy and fit_one_cycle, and reports",
        "the accuracy on the 10,000 test images. Data: untarData(URLs.MNIST) (fastai's mnist_png), or --data with",
        "the four IDX files (train-images-idx3-ubyte.gz, ...) or the training/ and testing/ PNG folders."})
final class MnistCommand implements Callable<Integer> {
  /** The optimizers on offer. */
  enum Opt { adam, sgd }

  @Spec CommandSpec spec;

  @ParentCommand JfastaiCli cli;

  @Mixin DataOptions dataOptions;

  @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--lr",
      description = "Peak learning rate of the one-cycle schedule (default: 0.005 for adam, 0.1 for sgd).")
  Float lr;

  @Option(names = "--bs", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int bs;

  @Option(names = "--hidden", defaultValue = "128", description = "Hidden units (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--opt", defaultValue = "adam",
      description = "Optimizer: ${COMPLETION-CANDIDATES}; sgd uses momentum 0.9 (default: ${DEFAULT-VALUE}).")
  Opt opt;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed of the weights and the shuffling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--quiet", description = "Print only the table and the result: no headings, no download progress.")
  boolean quiet;

  @Override
  public Integer call() {
    checkOptions();
    float lrMax = lr != null ? lr : opt == Opt.adam ? 0.005f : 0.1f;
    PrintStream out = cli.out();
    Path path = dataOptions.resolve(URLs.MNIST, quiet);
    Mnist mnist = Mnist.load(path);
    if (!quiet) {
      out.printf("MNIST at %s: %d training and %d test images%n", path, mnist.trainX().size(0), mnist.testX().size(0));
      out.printf("%nLearner(dls, mlp(784, %d, 10), %s, cross_entropy, accuracy).fit_one_cycle(%d, %s)%n", hidden, opt,
          epochs, PyFormat.repr(lrMax));
      out.flush();
    }
    Generator g = new Generator(seed);
    Module model = new Sequential(new Linear(784, hidden, g), new ReLU(), new Linear(hidden, 10, g));
    DataLoaders dls = mnist.dataLoaders(bs, new Generator(seed + 1));
    Learner learn = Learner.builder(dls, model)
        .optFunc(optimizer())
        .lossFunc(Losses::crossEntropy)
        .metrics(Metrics.accuracy())
        .callbacks(ProgressCallback.builder().out(out).build())
        .build();
    learn.fitOneCycle(epochs, lrMax);
    out.println("test accuracy: " + PyFormat.rounded(learn.recorder().lastEpoch().orElseThrow().value("accuracy"), 4));
    out.flush();
    return 0;
  }

  private OptimizerFactory optimizer() {
    return opt == Opt.adam ? Optimizers.adam() : Optimizers.sgd(o -> o.momentum(0.9));
  }

  private void checkOptions() {
    OptionChecks.atLeast(spec.commandLine(), "--epochs", epochs, 1);
    OptionChecks.atLeast(spec.commandLine(), "--bs", bs, 1);
    OptionChecks.atLeast(spec.commandLine(), "--hidden", hidden, 1);
    if (lr != null) OptionChecks.positive(spec.commandLine(), "--lr", lr);
  }
}
