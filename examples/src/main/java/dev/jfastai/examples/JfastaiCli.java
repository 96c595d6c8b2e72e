package dev.jfastai.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code jfastai} command line: {@code chapter4} and {@code chapter13} reproduce fastai's chapters 4 and 13,
 * {@code mnist} trains on the full MNIST, {@code bench} times the chapters' workloads. Run
 * {@code java -jar jfastai-examples.jar --help}.
 */
@Command(name = "jfastai", mixinStandardHelpOptions = true, versionProvider = JfastaiCli.VersionProvider.class,
    description = "fastai's Learner and callbacks on the JVM: worked examples.",
    subcommands = {Chapter4Command.class, Chapter13Command.class, MnistCommand.class, BenchCommand.class,
        SparkChapter4Command.class,
        CommandLine.HelpCommand.class})
public final class JfastaiCli implements Runnable {
  private static final String VERSION_RESOURCE = "version.properties";

  @Spec CommandSpec spec;

  private final PrintStream out;

  private JfastaiCli(PrintStream out) {
    this.out = out;
  }

  /** Where the commands print their results (callbacks such as the progress table print to a PrintStream). */
  PrintStream out() {
    return out;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: choose chapter4, chapter13, mnist or bench");
  }

  /** This runner's version (the Maven project's, written into {@code version.properties} at build time). */
  public static String version() {
    Properties properties = new Properties();
    try (InputStream in = JfastaiCli.class.getResourceAsStream(VERSION_RESOURCE)) {
      if (in == null) throw new IllegalStateException(VERSION_RESOURCE + " is missing beside JfastaiCli");
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + VERSION_RESOURCE, e);
    }
    return properties.getProperty("version");
  }

  /** What {@code --version} prints. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"jfastai " + version()};
    }
  }

  public static void main(String... args) {
    System.exit(execute(args));
  }

  /** Runs one command line on the console; returns the exit code. */
  public static int execute(String... args) {
    return execute(System.out, System.err, args);
  }

  /** Runs one command line printing to {@code out} and {@code err}; returns the exit code (for tests and embedding). */
  public static int execute(PrintStream out, PrintStream err, String... args) {
    try {
      return commandLine(out, err).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The configured command line on the console. */
  static CommandLine commandLine() {
    return commandLine(System.out, System.err);
  }

  /**
   * The configured command line: help and usage errors go through picocli's writers over the same streams, and
   * expected failures (missing files, bad values) print one line instead of a stack trace.
   */
  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new JfastaiCli(out));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
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
