package dev.jfastai.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code jfastai} command line: {@code chapter4} reproduces fastai's chapter 4, {@code mnist} trains on the full
 * MNIST, {@code bench} times the chapter's workload. Run {@code java -jar jfastai-examples.jar --help}.
 */
@Command(name = "jfastai", mixinStandardHelpOptions = true, version = "jfastai " + JfastaiCli.VERSION,
    description = "fastai's Learner and callbacks on the JVM: worked examples.",
    subcommands = {Chapter4Command.class, MnistCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class JfastaiCli implements Runnable {
  /** The version printed by {@code --version} and in the bench results. */
  public static final String VERSION = "0.1.0";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: choose chapter4, mnist or bench");
  }

  public static void main(String... args) {
    System.exit(execute(args));
  }

  /** Runs one command line with the console's output; returns the exit code. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** Runs one command line printing to {@code out} and {@code err}; returns the exit code (for tests and embedding). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The configured command line; expected failures (missing files, bad values) print one line, not a stack trace. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new JfastaiCli());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof IOException || e instanceof UncheckedIOException || e instanceof IllegalArgumentException) {
        commandLine.getErr().println("jfastai " + commandLine.getCommandName() + ": " + e.getMessage());
        commandLine.getErr().flush();
        return 1;
      }
      throw e;
    });
    return cli;
  }
}
