package dev.jfastai.callbacks.internal;

import java.util.Map;

/** Reads values back from a callback state map after its JSON round trip (numbers may come back as any Number). */
public final class StateValues {
  private StateValues() {}

  public static double asDouble(Map<String, Object> state, String key) {
    Object v = require(state, key);
    if (v instanceof Number n) return n.doubleValue();
    if (v instanceof String s) return Double.parseDouble(s); // "Infinity", "-Infinity", "NaN"
    throw new IllegalArgumentException("callback state '" + key + "': expected a number, got " + v);
  }

  public static int asInt(Map<String, Object> state, String key) {
    Object v = require(state, key);
    if (v instanceof Number n) return n.intValue();
    throw new IllegalArgumentException("callback state '" + key + "': expected an integer, got " + v);
  }

  private static Object require(Map<String, Object> state, String key) {
    Object v = state.get(key);
    if (v == null) throw new IllegalArgumentException("callback state is missing '" + key + "'; it has "
        + state.keySet());
    return v;
  }
}
