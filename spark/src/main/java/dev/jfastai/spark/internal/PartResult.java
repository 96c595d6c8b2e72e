package dev.jfastai.spark.internal;

import java.io.Serializable;

/**
 * One partition's answer to a round or a validation: the rows it used, its loss summed over them, and (training) its
 * gradients or trained state with its buffers and optimizer state, or (validation) each metric summed over rows;
 * and how long it computed, which tells a round's overhead from its work.
 */
public record PartResult(int partition, long rows, double lossSum, NamedArrays values, NamedArrays buffers,
                         NamedArrays optimizer, double[] metricSums, long computeNanos) implements Serializable {
  private static final long serialVersionUID = 1L;
}
