package dev.jfastai.learner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets optimizer hyper-parameters ({@code lr}, {@code mom}, ...) before every training batch from {@link Schedule}s
 * of {@link Learner#pctTrain()}, and records the values it set (fastai's {@code ParamScheduler}, order 60).
 * A hyper-parameter the optimizer does not have (momentum for plain SGD) is skipped.
 */
public final class ParamScheduler implements Callback {
  private final Map<String, Schedule> schedules;
  private final Map<String, List<Double>> history = new LinkedHashMap<>();

  public ParamScheduler(Map<String, Schedule> schedules) {
    this.schedules = new LinkedHashMap<>(schedules);
  }

  /**
   * fastai's one-cycle policy with its defaults: div 25, divFinal 1e5, 25% warm-up, momentum 0.95-0.85-0.95; other
   * values come from {@link OneCycle#builder}.
   */
  public static ParamScheduler oneCycle(double lrMax) {
    return OneCycle.builder(lrMax).build().scheduler();
  }

  @Override
  public int order() {
    return 60;
  }

  @Override
  public void beforeFit(Learner learn) {
    if (learn.startEpoch() == 0) history.clear();
  }

  @Override
  public void beforeBatch(Learner learn) {
    if (!learn.isTraining()) return;
    for (Map.Entry<String, Schedule> e : schedules.entrySet()) {
      if (!hasHyper(learn, e.getKey())) continue;
      double v = e.getValue().at(learn.pctTrain());
      learn.opt().setHyper(e.getKey(), v); // stored as float32, as before
      history.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(v);
    }
  }

  private static boolean hasHyper(Learner learn, String name) {
    return learn.opt().paramGroups().stream().allMatch(g -> g.hypers().containsKey(name));
  }

  /** The values set so far for one hyper-parameter, one per training batch. */
  public List<Double> history(String name) {
    return Collections.unmodifiableList(history.getOrDefault(name, List.of()));
  }
}
