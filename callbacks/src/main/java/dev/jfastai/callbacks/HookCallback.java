package dev.jfastai.callbacks;

import dev.jfastai.learner.Callback;
import dev.jfastai.learner.Learner;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.RemovableHandle;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * fastai's {@code HookCallback}: registers {@link #hook} as a forward hook on {@link #modules()} for a fit and
 * removes it at the end. By default the modules are the model's leaf modules that have parameters (fastai's
 * {@code flatten_model} filtered by {@code has_params}); with {@code every > 0} the hooks are on only for every
 * {@code every}-th training batch.
 */
public abstract class HookCallback implements Callback {
  private final List<Module> requested;
  private final int every;
  private final boolean removeEnd;
  private final List<RemovableHandle> handles = new ArrayList<>();
  private List<Module> modules = List.of();
  private boolean hookedTrainingBatch;

  /**
   * @param modules the modules to hook, or an empty list for the default (leaf modules with parameters)
   * @param every hook every {@code every}-th training batch only, or all batches when 0
   * @param removeEnd whether the hooks are removed after the fit (fastai's {@code remove_end})
   */
  protected HookCallback(List<Module> modules, int every, boolean removeEnd) {
    if (every < 0) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": every must be >= 0, got " + every);
    }
    this.requested = List.copyOf(modules);
    this.every = every;
    this.removeEnd = removeEnd;
  }

  /** Called after the forward of hooked module number {@code index} (its place in {@link #modules()}). */
  protected abstract void hook(int index, Module module, Tensor input, Tensor output);

  /** The hooked modules, in order; empty before the first fit. */
  public List<Module> modules() {
    return modules;
  }

  /** Hook only every {@code every}-th training batch (0: every batch). */
  public int every() {
    return every;
  }

  /** Whether the current batch is a training batch the hooks are on for (set before each batch). */
  protected final boolean hookedTrainingBatch() {
    return hookedTrainingBatch;
  }

  /** The leaf modules of {@code model} that have parameters, depth first: fastai's default hooked modules. */
  public static List<Module> leafModulesWithParameters(Module model) {
    List<Module> out = new ArrayList<>();
    collectLeaves(model, out);
    return out;
  }

  private static void collectLeaves(Module m, List<Module> out) {
    if (m.namedChildren().isEmpty()) {
      if (!m.parameters().isEmpty()) out.add(m);
      return;
    }
    for (Module child : m.namedChildren().values()) collectLeaves(child, out);
  }

  @Override
  public void beforeFit(Learner learn) {
    modules = requested.isEmpty() ? leafModulesWithParameters(learn.model()) : requested;
    if (every == 0) register();
  }

  @Override
  public void beforeBatch(Learner learn) {
    hookedTrainingBatch = learn.isTraining() && (every == 0 || learn.trainIter() % every == 0);
    if (every > 0 && hookedTrainingBatch) register();
  }

  @Override
  public void afterBatch(Learner learn) {
    if (every > 0 && hookedTrainingBatch) remove();
    hookedTrainingBatch = false;
  }

  @Override
  public void afterFit(Learner learn) {
    if (removeEnd) remove();
  }

  @Override
  public void onError(Learner learn, Throwable error) {
    remove();
  }

  private void register() {
    remove();
    for (int i = 0; i < modules.size(); i++) {
      int index = i;
      handles.add(modules.get(i).registerForwardHook((m, in, out) -> hook(index, m, in, out)));
    }
  }

  /** Removes every hook this callback registered. */
  public final void remove() {
    handles.forEach(RemovableHandle::remove);
    handles.clear();
  }
}
