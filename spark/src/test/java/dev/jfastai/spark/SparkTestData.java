package dev.jfastai.spark;

import dev.jfastai.nn.Linear;
import dev.jfastai.nn.ReLU;
import dev.jfastai.nn.Sequential;
import dev.jfastai.tensor.Generator;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A shared local Spark context (two threads, four attempts per task) and a small separable 0/1 problem. */
public final class SparkTestData {
  static final int FEATURES = 6;
  private static JavaSparkContext spark;

  private SparkTestData() {}

  /** The one Spark context of the test JVM, made on first use. */
  public static synchronized JavaSparkContext spark() {
    if (spark == null) {
      SparkConf conf = new SparkConf().setMaster("local[2,4]").setAppName("jfastai-spark-test")
          .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
          .set("spark.sql.shuffle.partitions", "2");
      spark = new JavaSparkContext(conf);
      Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
    }
    return spark;
  }

  /** {@code n} samples whose label is 1 when a fixed direction's projection is positive. */
  static List<Sample> samples(int n, long seed) {
    Generator g = new Generator(seed);
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] x = new float[FEATURES];
      float dot = 0;
      for (int j = 0; j < FEATURES; j++) {
        x[j] = g.nextGaussian();
        dot += x[j] * (j % 2 == 0 ? 1 : -0.5f);
      }
      out.add(new Sample(x, dot > 0 ? 1 : 0));
    }
    return out;
  }

  /** A small two-layer net with seeded weights (same seed, same weights). */
  static ModelFactory model() {
    return () -> new Sequential(new Linear(FEATURES, 8, new Generator(7)), new ReLU(),
        new Linear(8, 1, new Generator(8)));
  }
}
