package dev.jfastai.nn;

import dev.jfastai.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a safetensors file holds: named float32 tensors in file header order, and the free-form string metadata of
 * its {@code __metadata__} entry (empty when the file has none). Both maps are read-only.
 */
public record SafetensorsContent(Map<String, Tensor> tensors, Map<String, String> metadata) {
  public SafetensorsContent {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }
}
