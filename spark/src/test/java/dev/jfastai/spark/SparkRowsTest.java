package dev.jfastai.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.callbacks.Comparison;
import dev.jfastai.callbacks.EarlyStoppingCallback;
import dev.jfastai.callbacks.ProgressCallback;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.BasicOptim;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Spark ML tables train like RDDs of samples, and the progress table and early stopping work on the driver. */
class SparkRowsTest {
  private static final StructType SCHEMA = new StructType()
      .add("features", new VectorUDT(), false).add("label", DataTypes.DoubleType, false);

  private static Dataset<Row> table(SparkSession session, List<Sample> samples) {
    List<Row> rows = new ArrayList<>();
    for (Sample s : samples) {
      double[] v = new double[s.features().length];
      for (int i = 0; i < v.length; i++) v[i] = s.features()[i];
      rows.add(RowFactory.create(Vectors.dense(v), (double) s.target()));
    }
    return session.createDataFrame(rows, SCHEMA);
  }

  @Test
  void aTableWithFeaturesAndLabelColumnsTrainsAndValidatesLikeTheSamples() {
    SparkSession session = SparkSession.builder().sparkContext(SparkTestData.spark().sc()).getOrCreate();
    List<Sample> trainSamples = SparkTestData.samples(200, 5);
    List<Sample> validSamples = SparkTestData.samples(80, 6);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (SparkLearner learn = SparkLearner.builder(session, table(session, trainSamples),
            table(session, validSamples), SparkTestData.model())
        .optFunc(BasicOptim::new).lossFunc(Losses::mnistLoss).metrics(SparkMetric.batchAccuracy())
        .callbacks(ProgressCallback.builder().out(new PrintStream(out, true, StandardCharsets.UTF_8)).build(),
            EarlyStoppingCallback.builder().monitor("valid_loss").comparison(Comparison.LOWER_IS_BETTER).minDelta(10.0)
                .patience(1).build())
        .batchSize(10).syncEvery(2).targetsAsColumn(true).build()) {
      learn.fit(6, 1.0);
      String table = out.toString(StandardCharsets.UTF_8);
      assertTrue(table.contains("batch_accuracy"), table);
      // min_delta 10 means no epoch improves: early stopping ends the fit after epoch 0 and 1 (patience 1)
      assertEquals(2, learn.recorder().epochs().size(), table);
      List<Double> values = learn.validate();
      assertTrue(values.get(1) > 0.8, "accuracy " + values);
    }
  }

  @Test
  void aTableWithoutALabelColumnIsRejectedNamingTheColumns() {
    SparkSession session = SparkSession.builder().sparkContext(SparkTestData.spark().sc()).getOrCreate();
    Dataset<Row> noLabel = table(session, SparkTestData.samples(4, 1)).withColumnRenamed("label", "y");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkLearner.builder(session, noLabel, noLabel, SparkTestData.model()));
    assertTrue(e.getMessage().contains("no 'label' column") && e.getMessage().contains("y"), e.getMessage());
  }
}
