package dev.jfastai.examples;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options of chapter 4's last step, the full Learner: where its files go and which optional callbacks join. */
final class ChapterLearnerOptions {
  @Option(names = "--out", defaultValue = "chapter4-output", paramLabel = "DIR",
      description = "Learner step: folder for history.csv and the loss plot (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--early-stopping", paramLabel = "PATIENCE",
      description = "Learner step: stop when valid_loss has not improved for PATIENCE epochs.")
  Integer patience;

  @Option(names = "--grad-norm", paramLabel = "N",
      description = "Learner step: add the example GradNormCallback, printing the gradient norm every N batches.")
  Integer gradNormEvery;

  void check(CommandLine cli) {
    if (patience != null && patience < 1) {
      throw new ParameterException(cli, "--early-stopping needs a patience of at least 1 epoch, got " + patience);
    }
    if (gradNormEvery != null && gradNormEvery < 1) {
      throw new ParameterException(cli, "--grad-norm needs an interval of at least 1 batch, got " + gradNormEvery);
    }
  }
}
