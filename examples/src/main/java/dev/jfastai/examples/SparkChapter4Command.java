package dev.jfastai.examples;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code jfastai spark-chapter4}: runs the chapter on Spark from the spark module's jar in a child JVM. Spark's
 * ~220 MB of jars stay out of this runner (and Spark is not modular); the child gets the options Spark needs.
 */
@Command(name = "spark-chapter4", mixinStandardHelpOptions = false,
    header = "Train the chapter's model on Apache Spark (runs spark/target/jfastai-spark.jar).",
    description = {"Starts spark/target/jfastai-spark.jar (or $JFASTAI_SPARK_JAR) in a child JVM with Spark's",
        "--add-opens options and passes every argument on, e.g. --master local[2] --sync-every 8 --epochs 40.",
        "Build it first: mvn package -pl spark -am. --help there lists the options."})
final class SparkChapter4Command implements Callable<Integer> {
  /** What Spark needs on Java 17+ (the same list as spark/bin/spark-jvm-options). */
  static final List<String> SPARK_OPENS = List.of("java.lang", "java.nio", "sun.nio.ch", "java.util",
      "java.lang.invoke", "sun.util.calendar");

  /** Every argument, in order, for the child (this command declares no options of its own). */
  @Unmatched List<String> arguments = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    Path jar = sparkJar();
    if (!Files.isRegularFile(jar)) {
      System.err.println("spark-chapter4: no " + jar + "; build it with 'mvn package -pl spark -am' (it holds Spark's"
          + " jars in spark/target/lib) or set JFASTAI_SPARK_JAR");
      return 2;
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("--add-modules");
    command.add("jdk.incubator.vector");
    for (String pkg : SPARK_OPENS) command.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
    command.add("-jar");
    command.add(jar.toString());
    command.add("spark-chapter4");
    command.addAll(arguments);
    try {
      return new ProcessBuilder(command).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("spark-chapter4: could not start " + command.get(0), e);
    }
  }

  /** $JFASTAI_SPARK_JAR, else spark/target/jfastai-spark.jar beside this runner's examples/target. */
  private static Path sparkJar() {
    String configured = System.getenv("JFASTAI_SPARK_JAR");
    if (configured != null && !configured.isEmpty()) return Path.of(configured);
    try {
      Path self = Path.of(SparkChapter4Command.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = self.getParent() == null ? Path.of(".") : self.getParent().resolve(".." + File.separator + "..");
      return root.resolve("spark/target/jfastai-spark.jar").normalize();
    } catch (URISyntaxException | SecurityException e) {
      return Path.of("spark/target/jfastai-spark.jar");
    }
  }
}
