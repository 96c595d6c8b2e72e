package dev.jfastai.spark.internal;

import dev.jfastai.tensor.Tensor;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named float tensors as plain arrays, in the map's order: what a round ships (state dicts, gradients). */
public record NamedArrays(String[] names, int[][] shapes, float[][] values) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies of the tensors of {@code tensors}, in iteration order. */
  public static NamedArrays of(Map<String, Tensor> tensors) {
    int n = tensors.size();
    String[] names = new String[n];
    int[][] shapes = new int[n][];
    float[][] values = new float[n][];
    int i = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      names[i] = e.getKey();
      shapes[i] = e.getValue().shape();
      values[i] = e.getValue().toFloatArray();
      i++;
    }
    return new NamedArrays(names, shapes, values);
  }

  /** New tensors over (not copies of) the arrays, keyed by name in order. */
  public Map<String, Tensor> toTensors() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) out.put(names[i], Tensor.wrap(values[i], shapes[i]));
    return out;
  }

  /** Total number of floats: what the round ships for this state. */
  public long floatCount() {
    long total = 0;
    for (float[] v : values) total += v.length;
    return total;
  }
}
