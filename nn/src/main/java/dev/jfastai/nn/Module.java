package dev.jfastai.nn;

import dev.jfastai.tensor.NoGrad;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base class of every layer and model, like PyTorch's {@code nn.Module}: subclasses register their parameters and
 * sub-modules in the constructor and implement {@link #forward}. Names, order and state-dict keys follow PyTorch
 * ({@code 0.weight}, {@code 0.bias}, ...), so weights move between the two unchanged.
 *
 * <p>Nullability: {@link #forward} receives and must return a non-null tensor; the {@code register*} methods reject
 * null with an {@link IllegalArgumentException}; no getter returns null.
 *
 * <p>Threading: a module holds mutable state (its parameters, the training flag) and takes no locks. Train it from
 * one thread at a time. Several threads may run the built-in layers' {@code forward} without gradients at once, each
 * inside its own {@link #evalMode()} scope (a module of your own too, if its {@code forward} changes no field), but
 * not while another thread trains the module or calls {@link #train()}, {@link #eval()} or {@link #loadStateDict}.
 *
 * <p>Exceptions: {@code forward} should reject an input of the wrong shape with an {@link IllegalArgumentException}
 * naming it; {@link #loadStateDict} throws {@link IllegalArgumentException} listing every missing, unexpected or
 * mis-shaped key and then has loaded nothing. No method declares checked exceptions.
 */
public abstract class Module {
  private final Map<String, Tensor> parameters = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;

  /** A module in training mode with nothing registered yet. */
  protected Module() {}

  /** Computes this module's output; builds the autograd graph when gradients are enabled. */
  public abstract Tensor forward(Tensor input);

  /**
   * Registers a sub-module under {@code name} (its parameters become {@code name.*}) and returns it, so a field can be
   * assigned in one line: {@code fc = registerModule("fc", new Linear(3, 2))}.
   */
  protected <M extends Module> M registerModule(String name, M module) {
    if (module == null) throw new IllegalArgumentException(reprName() + ": sub-module '" + name + "' is null");
    if (module == this) throw new IllegalArgumentException(reprName() + ": cannot register itself as '" + name + "'");
    checkNewName(name);
    children.put(name, module);
    return module;
  }

  /**
   * Registers a trainable tensor under {@code name}, turns on its {@code requiresGrad} and returns it. It must be a
   * leaf (a tensor created directly, not computed from others).
   */
  protected Tensor registerParameter(String name, Tensor tensor) {
    checkLeaf(name, tensor, "parameter");
    checkNewName(name);
    parameters.put(name, tensor.requiresGrad(true));
    return tensor;
  }

  /** Registers non-trainable state (saved in the state dict, never given to an optimizer) and returns it. */
  protected Tensor registerBuffer(String name, Tensor tensor) {
    checkLeaf(name, tensor, "buffer");
    checkNewName(name);
    buffers.put(name, tensor);
    return tensor;
  }

  /** The direct sub-modules, in registration order (read-only view). */
  public Map<String, Module> namedChildren() {
    return Collections.unmodifiableMap(children);
  }

  /**
   * All trainable parameters, this module's own first and then each child's with its name as prefix
   * ({@code 0.weight}), in registration order. A tensor registered twice is listed once, under its first name.
   * The values are the live parameters, not copies.
   */
  public Map<String, Tensor> namedParameters() {
    Map<String, Tensor> all = new LinkedHashMap<>();
    collect("", all, false);
    Map<Tensor, Boolean> seen = new IdentityHashMap<>();
    Map<String, Tensor> unique = new LinkedHashMap<>();
    all.forEach((name, t) -> {
      if (seen.put(t, Boolean.TRUE) == null) unique.put(name, t);
    });
    return unique;
  }

  /** The values of {@link #namedParameters()}, the list an optimizer is built from. */
  public List<Tensor> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /** Switches this module and all sub-modules to training mode (dropout active) and returns this. */
  public Module train() {
    setTraining(true);
    return this;
  }

  /** Switches this module and all sub-modules to evaluation mode (dropout off) and returns this. */
  public Module eval() {
    setTraining(false);
    return this;
  }

  /**
   * Whether this module is in training mode (new modules are), as its forward pass should read it: always false
   * on a thread inside an {@link EvalMode} scope.
   */
  public boolean isTraining() {
    return training && !EvalMode.active();
  }

  /**
   * Opens a scope in which every module is in evaluation mode for the calling thread only (see {@link EvalMode}):
   * the way to run a model from several threads at once, as {@code Learner.predict} does.
   */
  public static EvalMode evalMode() {
    return new EvalMode();
  }

  /**
   * A snapshot of every parameter and buffer under its PyTorch key, in PyTorch's order. The tensors are copies
   * without gradients: later training does not change them and changing them does not change the module (unlike
   * PyTorch, where {@code state_dict()} shares storage), so the map can be kept as a "best weights" checkpoint.
   * The map is a new mutable {@link LinkedHashMap} owned by the caller.
   */
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> copies = new LinkedHashMap<>();
    liveState().forEach((name, t) -> copies.put(name, t.copy()));
    return copies;
  }

  /**
   * Copies the values of {@code state} into this module's parameters and buffers (the tensors keep their identity,
   * so an optimizer built on them keeps working). Strict, like PyTorch's default: every key must be present, none
   * may be extra and every shape must match. On any problem it throws an {@link IllegalArgumentException} listing
   * all missing, unexpected and mis-shaped keys, and the module is left unchanged.
   */
  @SuppressWarnings("try") // the NoGrad scope is used only for its close()
  public void loadStateDict(Map<String, Tensor> state) {
    if (state == null) throw new IllegalArgumentException(reprName() + ".loadStateDict: state dict is null");
    Map<String, Tensor> own = liveState();
    List<String> missing = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : own.entrySet()) {
      Tensor given = state.get(e.getKey());
      if (given == null) {
        missing.add(e.getKey());
      } else if (!Arrays.equals(given.shape(), e.getValue().shape())) {
        mismatched.add(e.getKey() + ": checkpoint " + Arrays.toString(given.shape()) + " vs module "
            + Arrays.toString(e.getValue().shape()));
      }
    }
    for (String key : state.keySet()) {
      if (!own.containsKey(key)) unexpected.add(key);
    }
    if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
      StringBuilder msg = new StringBuilder("Error loading state dict into ").append(reprName()).append(':');
      if (!missing.isEmpty()) msg.append("\n  missing keys: ").append(missing);
      if (!unexpected.isEmpty()) msg.append("\n  unexpected keys: ").append(unexpected);
      if (!mismatched.isEmpty()) msg.append("\n  shape mismatch: ").append(String.join("; ", mismatched));
      msg.append("\n  Nothing was loaded; the module's keys are ").append(own.keySet());
      throw new IllegalArgumentException(msg.toString());
    }
    try (NoGrad ignored = Tensor.noGrad()) {
      own.forEach((name, t) -> t.copyFrom(state.get(name)));
    }
  }

  /** Parameters and buffers under their full keys, the live tensors (for state dicts and safetensors). */
  final Map<String, Tensor> liveState() {
    Map<String, Tensor> all = new LinkedHashMap<>();
    collect("", all, true);
    return all;
  }

  /**
   * Extra text shown between the parentheses of {@link #toString()}, like PyTorch's {@code extra_repr}; e.g.
   * {@code in_features=3, out_features=2, bias=True}. Empty by default.
   */
  protected String extraRepr() {
    return "";
  }

  /** A tree like PyTorch's module repr, e.g. {@code Sequential(\n  (0): Linear(...)\n  (1): ReLU()\n)}. */
  @Override
  public String toString() {
    List<String> lines = new ArrayList<>();
    String extra = extraRepr();
    if (!extra.isEmpty()) lines.addAll(Arrays.asList(extra.split("\n", -1)));
    int extraLines = lines.size();
    children.forEach((name, child) -> lines.add("(" + name + "): " + child.toString().replace("\n", "\n  ")));
    StringBuilder s = new StringBuilder(reprName()).append('(');
    if (extraLines == 1 && children.isEmpty()) {
      s.append(lines.get(0));
    } else if (!lines.isEmpty()) {
      s.append("\n  ").append(String.join("\n  ", lines)).append('\n');
    }
    return s.append(')').toString();
  }

  private void collect(String prefix, Map<String, Tensor> into, boolean withBuffers) {
    parameters.forEach((name, t) -> into.put(prefix + name, t));
    if (withBuffers) buffers.forEach((name, t) -> into.put(prefix + name, t));
    children.forEach((name, child) -> child.collect(prefix + name + ".", into, withBuffers));
  }

  private void setTraining(boolean mode) {
    training = mode;
    for (Module child : children.values()) child.setTraining(mode);
  }

  private void checkNewName(String name) {
    if (name == null || name.isEmpty() || name.contains(".")) {
      throw new IllegalArgumentException(reprName() + ": name '" + name + "' must be non-empty and contain no '.'");
    }
    if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
      throw new IllegalArgumentException(reprName() + ": name '" + name + "' is already registered");
    }
  }

  private void checkLeaf(String name, Tensor tensor, String kind) {
    if (tensor == null) throw new IllegalArgumentException(reprName() + ": " + kind + " '" + name + "' is null");
    if (!tensor.isLeaf()) {
      throw new IllegalArgumentException(reprName() + ": " + kind + " '" + name
          + "' is computed from other tensors; register a leaf (e.g. its detach() or copy())");
    }
  }

  private String reprName() {
    String simple = getClass().getSimpleName();
    if (!simple.isEmpty()) return simple;
    String full = getClass().getName(); // anonymous class: Outer$1
    return full.substring(full.lastIndexOf('.') + 1);
  }
}
