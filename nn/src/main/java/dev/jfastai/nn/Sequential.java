package dev.jfastai.nn;

import dev.jfastai.tensor.Tensor;
import dev.jfastai.tensor.internal.access.TensorInternals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Layers applied one after another. Children are named "0", "1", ... like PyTorch's {@code nn.Sequential}, so
 * state-dict keys ({@code 0.weight}, {@code 2.bias}) match a PyTorch model of the same layers.
 */
public final class Sequential extends Module {
  private final List<Module> layers = new ArrayList<>();

  public Sequential(Module... layers) {
    for (int i = 0; i < layers.length; i++) this.layers.add(registerModule(Integer.toString(i), layers[i]));
  }

  /**
   * Runs the layers in turn, each through {@link Module#call(Tensor)} so their hooks fire. The output of a layer
   * that only the next layer reads, when neither keeps its activations ({@link Module#keepsActivations()}) and no
   * hook sees it, is marked as an intermediate: no other code can reach it, so backward recycles its storage (see
   * TensorInternals), and with gradients off (validation) it is recycled as soon as the next layer has read it.
   */
  @Override
  public Tensor forward(Tensor input) {
    Tensor x = input;
    Tensor intermediate = null;
    for (int i = 0; i < layers.size(); i++) {
      Module layer = layers.get(i);
      x = layer.call(x);
      if (intermediate != null) TensorInternals.recycleIfUnrecorded(intermediate);
      intermediate = null;
      if (i + 1 < layers.size() && !layer.keepsActivations() && !layers.get(i + 1).keepsActivations()
          && !layer.hasForwardHooks() && !layers.get(i + 1).hasForwardHooks()) {
        TensorInternals.markIntermediate(x);
        intermediate = x;
      }
    }
    return x;
  }

  /**
   * False when its first and last layers keep no activations and have no hooks (a block such as Conv2d -> ReLU ->
   * BatchNorm2d): its input then reaches only the first layer and its output is a new tensor of the last, so an
   * enclosing Sequential may recycle both. An empty Sequential returns its input.
   */
  @Override
  public boolean keepsActivations() {
    if (layers.isEmpty()) return true;
    Module first = layers.get(0);
    Module last = layers.get(layers.size() - 1);
    return first.keepsActivations() || last.keepsActivations() || first.hasForwardHooks() || last.hasForwardHooks();
  }

  /** The layer at {@code index} (negative counts from the end, like Python). */
  public Module get(int index) {
    int i = index < 0 ? index + layers.size() : index;
    if (i < 0 || i >= layers.size()) {
      throw new IndexOutOfBoundsException("Sequential: index " + index + " out of range for " + layers.size()
          + " layers");
    }
    return layers.get(i);
  }

  public int size() {
    return layers.size();
  }

  /** The layers in order (read-only). */
  public List<Module> layers() {
    return Collections.unmodifiableList(layers);
  }
}
