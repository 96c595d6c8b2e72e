package dev.jfastai.nn.optim;

import dev.jfastai.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters that share hyper-parameter values, like a PyTorch param group. Hyper-parameters given here override the
 * optimizer's defaults for this group; once inside an optimizer, a group holds every hyper-parameter it uses.
 */
public final class ParamGroup {
  private final List<Tensor> params;
  private final Map<String, Float> hypers;

  /** A group that takes every hyper-parameter from the optimizer's defaults. */
  public ParamGroup(List<Tensor> params) {
    this(params, Map.of());
  }

  /** A group with its own values for some hyper-parameters, e.g. {@code Map.of("lr", 1e-4f)}. */
  public ParamGroup(List<Tensor> params, Map<String, Float> hypers) {
    if (params == null) throw new IllegalArgumentException("ParamGroup: parameter list is null");
    for (Tensor p : params) {
      if (p == null) throw new IllegalArgumentException("ParamGroup: null parameter in the list");
    }
    this.params = List.copyOf(params);
    this.hypers = new LinkedHashMap<>(hypers);
    this.hypers.forEach((k, v) -> {
      if (v == null || v.isNaN()) throw new IllegalArgumentException("ParamGroup: hyper-parameter '" + k + "' is " + v);
    });
  }

  /** The parameters (read-only). */
  public List<Tensor> params() {
    return params;
  }

  /** The hyper-parameters by name (read-only view). */
  public Map<String, Float> hypers() {
    return Collections.unmodifiableMap(hypers);
  }

  /** The value of hyper-parameter {@code name}; unknown names throw, listing the known ones. */
  public float get(String name) {
    Float v = hypers.get(name);
    if (v == null) throw unknown(name);
    return v;
  }

  /** Changes an existing hyper-parameter (a scheduler's entry point); unknown names throw, listing known ones. */
  public void set(String name, float value) {
    if (!hypers.containsKey(name)) throw unknown(name);
    if (Float.isNaN(value)) throw new IllegalArgumentException("ParamGroup: hyper-parameter '" + name + "' set to NaN");
    hypers.put(name, value);
  }

  private IllegalArgumentException unknown(String name) {
    String hint = name != null && name.equals("betas") ? " (Adam's betas are 'mom' and 'sqrMom')" : "";
    return new IllegalArgumentException("unknown hyper-parameter '" + name + "'" + hint + "; this group has "
        + hypers.keySet());
  }
}
