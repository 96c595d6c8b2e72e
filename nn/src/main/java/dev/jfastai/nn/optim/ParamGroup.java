package dev.jfastai.nn.optim;

import dev.jfastai.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters that share hyper-parameter values, like a PyTorch param group. Hyper-parameters given here override the
 * optimizer's defaults for this group; once inside an optimizer, a group holds every hyper-parameter it uses.
 * Values are {@code double} in the API and stored as float32, the precision of the updates that read them.
 */
public final class ParamGroup {
  private final List<Tensor> params;
  private final Map<String, Float> hypers; // float32: what the update kernels compute with

  /** A group that takes every hyper-parameter from the optimizer's defaults. */
  public ParamGroup(List<Tensor> params) {
    this(params, Map.of());
  }

  /** A group with its own values for some hyper-parameters, e.g. {@code Map.of("lr", 1e-4)}. */
  public ParamGroup(List<Tensor> params, Map<String, Double> hypers) {
    if (params == null) throw new IllegalArgumentException("ParamGroup: parameter list is null");
    for (Tensor p : params) {
      if (p == null) throw new IllegalArgumentException("ParamGroup: null parameter in the list");
    }
    this.params = List.copyOf(params);
    this.hypers = new LinkedHashMap<>();
    hypers.forEach((k, v) -> {
      if (v == null || v.isNaN()) throw new IllegalArgumentException("ParamGroup: hyper-parameter '" + k + "' is " + v);
      this.hypers.put(k, v.floatValue());
    });
  }

  /** The group a built-in optimizer makes after merging its defaults: values already float32. */
  static ParamGroup ofFloats(List<Tensor> params, Map<String, Float> hypers) {
    ParamGroup g = new ParamGroup(params);
    g.hypers.putAll(hypers);
    return g;
  }

  /** The parameters (read-only). */
  public List<Tensor> params() {
    return params;
  }

  /** The hyper-parameters by name (a read-only copy, in insertion order). */
  public Map<String, Double> hypers() {
    Map<String, Double> copy = new LinkedHashMap<>();
    hypers.forEach((k, v) -> copy.put(k, v.doubleValue()));
    return Collections.unmodifiableMap(copy);
  }

  /** Whether this group has hyper-parameter {@code name}. */
  public boolean has(String name) {
    return hypers.containsKey(name);
  }

  /** The value of hyper-parameter {@code name} (as stored, float32); unknown names throw, listing the known ones. */
  public double get(String name) {
    return value(name);
  }

  /** The stored float32 value: what the built-in updates compute with. */
  float value(String name) {
    Float v = hypers.get(name);
    if (v == null) throw unknown(name);
    return v;
  }

  /**
   * Changes an existing hyper-parameter (a scheduler's entry point), stored rounded to float32; unknown names throw,
   * listing known ones.
   */
  public void set(String name, double value) {
    if (!hypers.containsKey(name)) throw unknown(name);
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("ParamGroup: hyper-parameter '" + name + "' set to NaN");
    }
    hypers.put(name, (float) value);
  }

  Map<String, Float> floatHypers() {
    return Collections.unmodifiableMap(hypers);
  }

  private IllegalArgumentException unknown(String name) {
    String hint = name != null && name.equals("betas") ? " (Adam's betas are 'mom' and 'sqrMom')" : "";
    return new IllegalArgumentException("unknown hyper-parameter '" + name + "'" + hint + "; this group has "
        + hypers.keySet());
  }
}
