package dev.jfastai.spark;

import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Reads Spark ML's {@code features} (vector) and {@code label} columns as samples. */
final class SparkRows {
  private SparkRows() {}

  static JavaRDD<Sample> samples(Dataset<Row> table) {
    for (String column : new String[] {"features", "label"}) {
      if (!Arrays.asList(table.columns()).contains(column)) {
        throw new IllegalArgumentException("SparkLearner: the table has no '" + column + "' column; its columns are "
            + Arrays.toString(table.columns()));
      }
    }
    return table.select("features", "label").javaRDD().map(row -> {
      double[] values = ((Vector) row.get(0)).toArray();
      float[] features = new float[values.length];
      for (int i = 0; i < values.length; i++) features[i] = (float) values[i];
      return new Sample(features, ((Number) row.get(1)).floatValue());
    });
  }
}
