package dev.jfastai.callbacks.internal;

import dev.jfastai.nn.Module;
import dev.jfastai.nn.Safetensors;
import dev.jfastai.tensor.Tensor;
import java.nio.file.Path;
import java.util.Map;

/**
 * A copy of the best weights seen: kept in memory (Keras's way), and written to a file only when a checkpoint
 * needs it, so that a fit resumed from that checkpoint can still put them back.
 */
public final class BestWeights {
  private Map<String, Tensor> inMemory;
  private boolean written;
  private Path file;

  public void clear() {
    inMemory = null;
    written = false;
    file = null;
  }

  /** Keeps a copy of the model's weights now. */
  public void capture(Module model) {
    inMemory = model.stateDict();
    written = false;
  }

  /** Writes the weights held in memory to {@code target} unless already there; returns the file, or null if none. */
  public Path persist(Path target) {
    if (inMemory != null && !written) {
      Safetensors.write(inMemory, Map.of("format", "pt"), target);
      file = target;
      written = true;
    }
    return file;
  }

  /** After a checkpoint is loaded: the weights are in {@code file} (or nowhere, if null). */
  public void fromFile(Path file) {
    this.inMemory = null;
    this.written = file != null;
    this.file = file;
  }

  /** Loads the best weights into {@code model}; does nothing when none were kept. */
  public void restoreInto(Module model) {
    if (inMemory != null) model.loadStateDict(inMemory);
    else if (file != null) loadFile(model, file);
  }

  /** Loads weights saved in {@code file} into {@code model} (all or nothing, see {@link Safetensors#load}). */
  public static void loadFile(Module model, Path file) {
    Safetensors.load(model, file);
  }
}
