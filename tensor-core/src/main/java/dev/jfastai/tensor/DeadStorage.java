package dev.jfastai.tensor;

import dev.jfastai.tensor.internal.StoragePool;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The arrays one backward pass (without retainGraph) leaves unreachable, recycled through {@link StoragePool} once
 * the pass is over: the intermediate activations read by the nodes it freed (see TensorInternals.markIntermediate),
 * and the gradients that flowed between nodes, which only the pass held. A gradient counts as held by the pass alone
 * when a node returned it as fresh (see Function.returnsFreshGradients) or the pass summed it, and it is dead once a
 * node that declares it keeps no gradOutput (Function.keepsGradOutput) has consumed it without passing it on.
 */
final class DeadStorage {
  private final Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<float[]> dead = Collections.newSetFromMap(new IdentityHashMap<>());

  /** A gradient was stored for a node: {@code sum}, which is {@code g}, or {@code earlier} plus {@code g}. */
  void pending(Tensor earlier, Tensor g, boolean fresh, Tensor sum) {
    if (earlier == null) {
      if (fresh) owned.add(g);
      return;
    }
    owned.add(sum); // a new tensor, from the add
    if (owned.remove(earlier)) dead.add(earlier.array());
    if (fresh) dead.add(g.array());
  }

  /** {@code node} has turned {@code grad} into {@code inputGrads}. */
  void consumed(Function node, Tensor grad, Tensor[] inputGrads) {
    if (!owned.remove(grad) || node.keepsGradOutput()) return;
    for (Tensor g : inputGrads) {
      if (g != null && g.array() == grad.array()) return; // passed on
    }
    dead.add(grad.array());
  }

  /** {@code node} is about to be freed: the intermediate activations it read are unreachable from now on. */
  void intermediatesReadBy(Function node) {
    for (Tensor input : node.inputs) {
      if (input != null && input.intermediate) dead.add(input.array());
    }
  }

  /** Hands every dead array to this thread's pool. */
  void recycle() {
    for (float[] array : dead) StoragePool.release(array);
  }
}
