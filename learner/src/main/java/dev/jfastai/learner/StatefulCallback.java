package dev.jfastai.learner;

import java.util.Map;

/**
 * A callback whose state must survive a checkpoint (like Lightning's callback {@code state_dict}): early-stopping
 * counters, best values. Values must be JSON-friendly (numbers, strings, booleans, lists, maps).
 */
public interface StatefulCallback extends Callback {
  Map<String, Object> stateDict();

  void loadStateDict(Map<String, Object> state);

  /** The key this callback's state is saved under; unique per learner. */
  default String stateKey() {
    return getClass().getName();
  }
}
