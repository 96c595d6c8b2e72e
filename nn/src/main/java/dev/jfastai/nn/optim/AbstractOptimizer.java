package dev.jfastai.nn.optim;

import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.access.TensorInternals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared machinery of jfastai's optimizers: parameter groups with hyper-parameters, per-parameter state
 * tensors, {@code zeroGrad}, and strict state dicts. A subclass declares its hyper-parameter defaults and state
 * names and implements {@link #update} for one parameter, working on the raw arrays.
 */
public abstract class AbstractOptimizer implements Optimizer {
  private final List<ParamGroup> groups = new ArrayList<>();
  private final List<Tensor> params = new ArrayList<>();
  private final List<Map<String, Tensor>> state = new ArrayList<>();
  private final Set<String> bufferNames;
  private final Set<String> scalarNames;
  private final Set<Tensor> noWeightDecay = Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * @param groups the parameter groups; each group's own hyper-parameters override {@code defaults}
   * @param defaults every hyper-parameter this optimizer reads, with its default value
   * @param bufferNames per-parameter state tensors shaped like their parameter (e.g. {@code exp_avg})
   * @param scalarNames per-parameter scalar state (e.g. {@code step})
   */
  protected AbstractOptimizer(List<ParamGroup> groups, Map<String, Double> defaults, Set<String> bufferNames,
      Set<String> scalarNames) {
    String name = getClass().getSimpleName();
    if (groups == null || groups.isEmpty()) throw new IllegalArgumentException(name + ": no parameter groups");
    Map<Tensor, Boolean> seen = new IdentityHashMap<>();
    for (ParamGroup g : groups) {
      Map<String, Float> merged = new LinkedHashMap<>();
      defaults.forEach((k, v) -> merged.put(k, v.floatValue()));
      g.floatHypers().forEach((k, v) -> {
        if (!defaults.containsKey(k)) {
          throw new IllegalArgumentException(name + ": unknown hyper-parameter '" + k + "'; known: "
              + defaults.keySet());
        }
        merged.put(k, v);
      });
      for (Tensor p : g.params()) {
        if (!p.isLeaf()) throw new IllegalArgumentException(name + ": cannot optimize a non-leaf tensor");
        if (seen.put(p, Boolean.TRUE) != null) {
          throw new IllegalArgumentException(name + ": a parameter appears more than once in the parameter groups");
        }
        params.add(p);
        state.add(new LinkedHashMap<>());
      }
      this.groups.add(ParamGroup.ofFloats(g.params(), merged));
    }
    if (params.isEmpty()) throw new IllegalArgumentException(name + ": got an empty parameter list");
    this.bufferNames = Set.copyOf(bufferNames);
    this.scalarNames = Set.copyOf(scalarNames);
  }

  /**
   * Updates one parameter in place from its gradient. {@code state} is this parameter's state map (empty before its
   * first update; allocate buffers there once); {@code group} holds its hyper-parameters.
   */
  protected abstract void update(Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group);

  /**
   * Whether {@link #update} keeps no reference to {@code grad} (the tensor or its array) once it returns. Then
   * {@link #step} reads gradients without marking them seen (see {@link Tensor#grad()}), and {@link #zeroGrad} lets
   * the next backward write each gradient no one else has read into the old one's storage instead of a new array.
   * False unless a subclass says so; the built-in optimizers do.
   */
  protected boolean updateKeepsNoGradient() {
    return false;
  }

  @Override
  public final void step() {
    int index = 0;
    for (ParamGroup g : groups) {
      for (Tensor p : g.params()) {
        Tensor grad = updateKeepsNoGradient() ? TensorInternals.peekGrad(p) : p.grad().orElse(null);
        if (grad != null) {
          if (grad.numel() != p.numel()) {
            throw new IllegalStateException(getClass().getSimpleName() + ": parameter " + index + " has shape "
                + Arrays.toString(p.shape()) + " but its gradient " + Arrays.toString(grad.shape()));
          }
          update(p, grad, state.get(index), g);
          TensorInternals.markModified(p); // update wrote through the array: a graph still holding p must notice
        }
        index++;
      }
    }
  }

  @Override
  public void zeroGrad() {
    boolean reuse = updateKeepsNoGradient();
    for (Tensor p : params) {
      if (reuse) {
        TensorInternals.clearGradForReuse(p);
      } else {
        p.setGrad(null);
      }
    }
  }

  @Override
  public void skipWeightDecay(Collection<Tensor> exempt) {
    Set<Tensor> own = Collections.newSetFromMap(new IdentityHashMap<>());
    own.addAll(params);
    for (Tensor p : exempt) {
      if (!own.contains(p)) {
        throw new IllegalArgumentException(getClass().getSimpleName() + ".skipWeightDecay: a tensor of shape "
            + Arrays.toString(p.shape()) + " is not one of this optimizer's parameters");
      }
    }
    noWeightDecay.addAll(exempt);
  }

  /** The weight decay to apply to {@code param}: its group's {@code wd}, or 0 if it was exempted. */
  protected final float weightDecay(Tensor param, ParamGroup group) {
    return noWeightDecay.contains(param) ? 0f : group.value(WD);
  }

  @Override
  public List<ParamGroup> paramGroups() {
    return Collections.unmodifiableList(groups);
  }

  @Override
  public double lr() {
    return hyper(LR);
  }

  @Override
  public void setLr(double lr) {
    setHyper(LR, lr);
  }

  @Override
  public double hyper(String name) {
    return groups.get(0).get(name);
  }

  @Override
  public void setHyper(String name, double value) {
    groups.get(0).get(name); // fails before any change on an unknown name
    for (ParamGroup g : groups) g.set(name, value);
  }

  @Override
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      String prefix = "group." + g + ".";
      groups.get(g).floatHypers().forEach((k, v) -> out.put(prefix + k, Tensor.scalar(v)));
    }
    for (int i = 0; i < state.size(); i++) {
      String prefix = "param." + i + ".";
      state.get(i).forEach((k, t) -> out.put(prefix + k, t.copy()));
    }
    return out;
  }

  @Override
  public void loadStateDict(Map<String, Tensor> dict) {
    String name = getClass().getSimpleName();
    if (dict == null) throw new IllegalArgumentException(name + ".loadStateDict: state dict is null");
    List<String> missing = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> known = new LinkedHashSet<>();
    for (int g = 0; g < groups.size(); g++) {
      for (String h : groups.get(g).hypers().keySet()) {
        String key = "group." + g + "." + h;
        known.add(key);
        Tensor t = dict.get(key);
        if (t == null) missing.add(key);
        else if (t.numel() != 1) problems.add(key + " must be a scalar, got shape " + Arrays.toString(t.shape()));
      }
    }
    List<Map<String, Tensor>> loaded = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      Map<String, Tensor> s = new LinkedHashMap<>();
      for (String b : allStateNames()) {
        String key = "param." + i + "." + b;
        known.add(key);
        Tensor t = dict.get(key);
        if (t == null) continue;
        int[] want = scalarNames.contains(b) ? new int[0] : params.get(i).shape();
        if (t.numel() != numel(want) || (!scalarNames.contains(b) && !Arrays.equals(t.shape(), want))) {
          problems.add(key + ": checkpoint " + Arrays.toString(t.shape()) + " vs expected " + Arrays.toString(want));
        }
        s.put(b, t);
      }
      if (!s.isEmpty() && s.size() != allStateNames().size()) {
        problems.add("param." + i + " has state " + s.keySet() + " but needs all of " + allStateNames());
      }
      loaded.add(s);
    }
    for (String key : dict.keySet()) {
      if (!known.contains(key)) unexpected.add(key);
    }
    if (!missing.isEmpty() || !unexpected.isEmpty() || !problems.isEmpty()) {
      StringBuilder msg = new StringBuilder("Error loading optimizer state into ").append(name).append(':');
      if (!missing.isEmpty()) msg.append("\n  missing keys: ").append(missing);
      if (!unexpected.isEmpty()) msg.append("\n  unexpected keys: ").append(unexpected);
      if (!problems.isEmpty()) msg.append("\n  ").append(String.join("\n  ", problems));
      msg.append("\n  Nothing was loaded (was the state saved from a different optimizer or model?)");
      throw new IllegalArgumentException(msg.toString());
    }
    for (int g = 0; g < groups.size(); g++) {
      ParamGroup group = groups.get(g);
      for (String h : group.hypers().keySet()) group.set(h, dict.get("group." + g + "." + h).item());
    }
    for (int i = 0; i < params.size(); i++) {
      Map<String, Tensor> s = state.get(i);
      s.clear();
      loaded.get(i).forEach((k, t) -> s.put(k, scalarNames.contains(k) ? Tensor.scalar(t.item()) : t.copy()));
    }
  }

  /** A builder's check: {@code value} of {@code option} must be >= 0 (and not NaN); returns it. */
  static double requireOption(String optimizer, String option, double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException(optimizer + ".builder: " + option + " must be >= 0, got " + value);
    }
    return value;
  }

  /** Requires {@code value >= 0} (and not NaN) for hyper-parameter {@code name}. */
  protected final void requireNonNegative(String name, double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": " + name + " must be >= 0, got " + value);
    }
  }

  private Set<String> allStateNames() {
    Set<String> all = new LinkedHashSet<>(scalarNames);
    all.addAll(bufferNames);
    return all;
  }

  private static long numel(int[] shape) {
    long n = 1;
    for (int d : shape) n *= d;
    return n;
  }
}
