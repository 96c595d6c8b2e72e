package dev.jfastai.spark.examples;

import dev.jfastai.callbacks.ProgressCallback;
import dev.jfastai.data.Images;
import dev.jfastai.data.URLs;
import dev.jfastai.data.UntarData;
import dev.jfastai.learner.EpochRecord;
import dev.jfastai.nn.Linear;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.ReLU;
import dev.jfastai.nn.Sequential;
import dev.jfastai.nn.optim.BasicOptim;
import dev.jfastai.spark.ModelFactory;
import dev.jfastai.spark.RoundStats;
import dev.jfastai.spark.Sample;
import dev.jfastai.spark.SparkLearner;
import dev.jfastai.spark.SparkMetric;
import dev.jfastai.tensor.Generator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code spark-chapter4}: fastai's chapter 4 ({@code simple_net}, {@code mnist_loss}, {@code BasicOptim}) on
 * MNIST_SAMPLE, trained on Spark. The executors list and decode the PNGs (labels from the parent folder: a three is
 * 1, a seven 0); the driver prints the progress table and, last, one JSON line of timings.
 */
public final class SparkChapter4 {
  private static final String USAGE = "usage: spark-chapter4 [--master URL] [--data DIR] [--sync-every K] "
      + "[--epochs N] [--partitions P] [--bs LOCAL_BATCH] [--lr LR] [--hidden H] [--seed S] [--local true]\n"
      + "  [--average true]\n"
      + "  --local true: the same data and model with the single-process Learner and a batch of P * LOCAL_BATCH\n"
      + "  --average true: average parameters and optimizer state even with --sync-every 1";

  private SparkChapter4() {}

  /** Options with the chapter's defaults: 40 epochs at 0.1, a global batch of 256 over 2 partitions; master null
   * means spark.master or else local[2]. */
  record Options(String master, Path data, int syncEvery, int epochs, int partitions, int batchSize, double lr,
                 int hidden, long seed, boolean local, boolean average) {
    static Options parse(String[] args) {
      String master = null;
      Path data = null;
      int syncEvery = 1;
      int epochs = 40;
      int partitions = 2;
      int batchSize = -1;
      double lr = 0.1;
      int hidden = 30;
      long seed = 42;
      boolean local = false;
      boolean average = false;
      int i = args.length > 0 && args[0].equals("spark-chapter4") ? 1 : 0;
      for (; i < args.length; i++) {
        String name = args[i];
        if (name.equals("--help") || name.equals("-h")) throw new IllegalArgumentException(USAGE);
        if (i + 1 >= args.length) throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
        String v = args[++i];
        switch (name) {
          case "--master" -> master = v;
          case "--data" -> data = Path.of(v);
          case "--sync-every" -> syncEvery = Integer.parseInt(v);
          case "--epochs" -> epochs = Integer.parseInt(v);
          case "--partitions" -> partitions = Integer.parseInt(v);
          case "--bs" -> batchSize = Integer.parseInt(v);
          case "--lr" -> lr = Double.parseDouble(v);
          case "--hidden" -> hidden = Integer.parseInt(v);
          case "--seed" -> seed = Long.parseLong(v);
          case "--local" -> local = Boolean.parseBoolean(v);
          case "--average" -> average = Boolean.parseBoolean(v);
          default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
        }
      }
      if (batchSize < 0) batchSize = Math.max(1, 256 / partitions);
      return new Options(master, data, syncEvery, epochs, partitions, batchSize, lr, hidden, seed, local,
          average);
    }
  }

  public static void main(String[] args) {
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "classpath:jfastai-spark-log4j2.properties");
    }
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path folder = o.data() != null ? o.data() : UntarData.fromEnvironment().untar(URLs.MNIST_SAMPLE);
    // spark.* system properties (e.g. -Dspark.jars=... from the cluster script) are read by SparkConf
    SparkConf conf = new SparkConf().setAppName("jfastai spark-chapter4").setIfMissing("spark.master", "local[2]")
        .setIfMissing("spark.ui.enabled", "false");
    if (o.master() != null) conf.setMaster(o.master());
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      spark.setLogLevel("WARN");
      run(spark, folder, o);
    }
  }

  static void run(JavaSparkContext spark, Path folder, Options o) {
    JavaRDD<Sample> train = images(spark, folder.resolve("train"), o.partitions());
    JavaRDD<Sample> valid = images(spark, folder.resolve("valid"), o.partitions());
    int hidden = o.hidden();
    long seed = o.seed();
    ModelFactory model = () -> {
      Generator g = new Generator(seed);
      return new Sequential(new Linear(28 * 28, hidden, g), new ReLU(), new Linear(hidden, 1, g));
    };
    if (o.local()) {
      LocalBaseline.run(train.collect(), valid.collect(), model, o);
      return;
    }
    try (SparkLearner learn = SparkLearner.builder(spark, train, valid, model).optFunc(BasicOptim::new)
        .lossFunc(Losses::mnistLoss).metrics(SparkMetric.batchAccuracy()).callbacks(new ProgressCallback())
        .batchSize(o.batchSize()).syncEvery(o.syncEvery()).partitions(o.partitions()).targetsAsColumn(true)
        .parameterAveraging(o.average()).seed(seed).build()) {
      long start = System.nanoTime();
      learn.fit(o.epochs(), o.lr());
      double trainSeconds = (System.nanoTime() - start) / 1e9;
      double median = medianEpochMillis(learn.recorder().epochs());
      RoundStats stats = learn.roundStats();
      double accuracy = finalAccuracy(learn.recorder().epochs());
      System.out.println(String.format(Locale.ROOT, "{\"train_s\": %.3f, \"median_epoch_ms\": %.1f, \"rounds\": %d, "
              + "\"round_ms\": %.2f, \"round_overhead_ms\": %.2f, \"final_acc\": %.4f, \"sync_every\": %d, "
              + "\"partitions\": %d, \"hidden\": %d}",
          trainSeconds, median, stats.rounds(), stats.meanRoundMillis().orElse(Double.NaN),
          stats.meanOverheadMillis().orElse(Double.NaN), accuracy,
          o.syncEvery(), o.partitions(), o.hidden()));
    }
  }

  static double medianEpochMillis(List<EpochRecord> epochs) {
    List<Double> millis = new ArrayList<>();
    for (EpochRecord r : epochs) millis.add(r.seconds() * 1000);
    millis.sort(null);
    return millis.isEmpty() ? Double.NaN : millis.get(millis.size() / 2);
  }

  static double finalAccuracy(List<EpochRecord> epochs) {
    return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).metrics().get("batch_accuracy");
  }

  /**
   * The PNGs under {@code folder/<label>/}: the driver lists the names (sorted, for a fixed order) and the executors
   * decode them. Not {@code binaryFiles}: it builds a stream per file that serializes Hadoop's whole configuration
   * through gzip, minutes for MNIST_SAMPLE's 14,000 files on two cores.
   */
  static JavaRDD<Sample> images(JavaSparkContext spark, Path folder, int partitions) {
    List<String> files = new ArrayList<>();
    for (String label : List.of("3", "7")) {
      for (Path file : Images.files(folder.resolve(label))) files.add(file.toString());
    }
    return spark.parallelize(files, partitions).map(name -> {
      Path file = Path.of(name);
      float[] pixels = Images.readGray(file).toFloatArray();
      return new Sample(pixels, file.getParent().getFileName().toString().equals("3") ? 1 : 0);
    });
  }
}
