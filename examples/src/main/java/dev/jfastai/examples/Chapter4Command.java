package dev.jfastai.examples;

import dev.jfastai.data.Batch;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.data.MnistSample;
import dev.jfastai.data.URLs;
import dev.jfastai.examples.chapter4.BasicLearner;
import dev.jfastai.examples.chapter4.ChapterModels;
import dev.jfastai.examples.chapter4.EpochResult;
import dev.jfastai.examples.chapter4.PlainTrainingLoop;
import dev.jfastai.examples.chapter4.Prediction;
import dev.jfastai.examples.chapter4.TrainingSteps;
import dev.jfastai.examples.internal.PyFormat;
import dev.jfastai.examples.internal.TextTable;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.optim.BasicOptim;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jfastai chapter4}: fastai's chapter 4 on MNIST_SAMPLE, step by step, each step training the chapter's
 * {@code simple_net} from the same seeded weights with {@code mnist_loss}, {@code BasicOptim} and unshuffled batches.
 */
@Command(name = "chapter4", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Reproduce fastai's chapter 4 (threes vs sevens), step by step.",
    description = {"Runs fastai's chapter 4 on MNIST_SAMPLE, one step after another (--part):",
        "  plain    the plain training loop (train_model): the validation accuracies on one line",
        "  basic    the chapter's BasicLearner: its Epoch / batch_accuracy table",
        "  predict  BasicLearner.predict on dls.valid.dataset[1]",
        "  table    the Epoch / Train Loss / batch_accuracy table",
        "  learner  the full Learner with Guice-injected callbacks: progress table, CSV history, loss plot",
        "Every step starts from the same weights (--seed), so the accuracies agree from step to step."})
final class Chapter4Command implements Callable<Integer> {
  /** The steps of the chapter, in the order {@code all} runs them. */
  enum Part { plain, basic, predict, table, learner, all }

  /** The labels, by target value: 0 is a seven, 1 a three. */
  private static final List<String> VOCAB = List.of("7", "3");

  @Spec CommandSpec spec;

  @ParentCommand JfastaiCli cli;

  @Mixin DataOptions dataOptions;

  @Option(names = "--part", defaultValue = "all", paramLabel = "PART",
      description = "Which step to run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Part part;

  @Option(names = "--epochs", defaultValue = "40", description = "Epochs per training run (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--lr", defaultValue = "0.1", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  float lr;

  @Option(names = "--bs", defaultValue = "256", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int bs;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed of the model's initial weights: same seed, same numbers (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--quiet", description = "Print only the results: no headings, no download progress.")
  boolean quiet;

  @Mixin ChapterLearnerOptions learnerOptions;

  @Override
  public Integer call() throws Exception {
    checkOptions();
    PrintStream out = cli.out();
    Path path = dataOptions.resolve(URLs.MNIST_SAMPLE, quiet);
    MnistSample data = MnistSample.load(path);
    if (!quiet) {
      out.printf("MNIST_SAMPLE at %s: %d training and %d validation images%n", path, data.trainX().size(0),
          data.validX().size(0));
    }
    Set<Part> parts = part == Part.all ? EnumSet.allOf(Part.class) : EnumSet.of(part);
    if (parts.contains(Part.plain)) plainLoop(data, out);
    if (parts.contains(Part.basic) || parts.contains(Part.predict) || parts.contains(Part.table)) {
      BasicLearner learn = basicLearner(data, parts.contains(Part.basic), out);
      if (parts.contains(Part.predict)) predict(learn, out);
      if (parts.contains(Part.table)) table(learn, out);
    }
    if (parts.contains(Part.learner)) {
      heading(out, "5. Learner(dls, simple_net, opt_func=BasicOptim, loss_func=mnist_loss, metrics=batch_accuracy)"
          + ".fit(" + epochs + ", lr=" + PyFormat.repr(lr) + ") with Guice-injected callbacks");
      new ChapterLearnerStep(learnerOptions, out, quiet).run(data.dataLoaders(bs), ChapterModels.simpleNet(seed),
          epochs, lr);
    }
    out.flush();
    return 0;
  }

  private void checkOptions() {
    OptionChecks.atLeast(spec.commandLine(), "--epochs", epochs, 1);
    OptionChecks.atLeast(spec.commandLine(), "--bs", bs, 1);
    OptionChecks.positive(spec.commandLine(), "--lr", lr);
    learnerOptions.check(spec.commandLine());
  }

  /** Step 1: {@code train_model(simple_net, epochs)} printing each accuracy on one line. */
  private void plainLoop(MnistSample data, PrintStream out) {
    heading(out, "1. train_model(simple_net, " + epochs + "): validation accuracy after each epoch");
    Module model = ChapterModels.simpleNet(seed);
    DataLoaders dls = data.dataLoaders(bs);
    PlainTrainingLoop loop = new PlainTrainingLoop(model, Losses::mnistLoss, new BasicOptim(model.parameters(), lr),
        dls.train(), dls.valid());
    int[] printed = {0};
    loop.trainModel(epochs, accuracy -> {
      out.print((printed[0]++ == 0 ? "" : " ") + PyFormat.repr(accuracy));
      out.flush();
    });
    out.println();
  }

  /** Step 2: {@code BasicLearner(...).fit(epochs, lr)}, printing its table live when asked. */
  private BasicLearner basicLearner(MnistSample data, boolean showTable, PrintStream out) {
    BasicLearner learn = new BasicLearner(data.dataLoaders(bs), ChapterModels.simpleNet(seed), BasicOptim::new,
        Losses::mnistLoss, TrainingSteps::batchAccuracy);
    if (!showTable) {
      learn.fit(epochs, lr);
      return learn;
    }
    heading(out, "2. BasicLearner(dls, simple_net, BasicOptim, mnist_loss, batch_accuracy).fit(" + epochs + ", lr="
        + PyFormat.repr(lr) + ")");
    TextTable table = new TextTable(out, "Epoch", "batch_accuracy");
    table.printHeader();
    learn.fit(epochs, lr, r -> table.printRow(r.epoch(), PyFormat.repr(r.metric())));
    return learn;
  }

  /** Step 3: {@code learn.predict(dls.valid.dataset[1])}: the probability of the predicted label, and the label. */
  private void predict(BasicLearner learn, PrintStream out) {
    heading(out, "3. BasicLearner.predict(dls.valid.dataset[1])");
    Batch item = learn.dls().valid().dataset().get(1);
    Prediction p = learn.predict(item.x());
    out.println("(" + PyFormat.rounded(p.probability(), 4) + ", '" + p.label(VOCAB) + "')");
  }

  /** Step 4: the recorded epochs as a table with the training loss. */
  private void table(BasicLearner learn, PrintStream out) {
    heading(out, "4. BasicLearner's history: training loss and batch_accuracy per epoch");
    TextTable table = new TextTable(out, "Epoch", "Train Loss", "batch_accuracy");
    table.printHeader();
    for (EpochResult r : learn.history()) {
      table.printRow(r.epoch(), PyFormat.rounded(r.trainLoss(), 4), PyFormat.repr(r.metric()));
    }
  }

  private void heading(PrintStream out, String title) {
    if (quiet) return;
    out.println();
    out.println(title);
    out.flush();
  }
}
