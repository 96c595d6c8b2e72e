package dev.jfastai.tensor;

import dev.jfastai.tensor.internal.Shapes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reverse-mode traversal: topological order from the root, gradients summed per node, leaves accumulate. */
final class BackwardEngine {
  private BackwardEngine() {}

  /** {@code root.backward()}: d root / d root = 1, for a one-element root. */
  static void runFromOne(Tensor root) {
    if (root.numel() != 1) {
      throw new IllegalStateException("backward: a gradient can be implied only for one-element outputs, this has "
          + "shape " + Shapes.str(root.shape()) + "; pass backward(gradient)");
    }
    run(root, Tensor.full(1f, root.shape()), false);
  }

  static void run(Tensor root, Tensor seed, boolean retainGraph) {
    if (!root.requiresGrad()) {
      throw new IllegalStateException("backward: the tensor " + Shapes.str(root.shape())
          + " does not require grad and has no grad function; call requiresGrad(true) on the leaves you differentiate");
    }
    if (!Arrays.equals(root.shape(), seed.shape())) {
      throw new IllegalArgumentException("backward: gradient of shape " + Shapes.str(seed.shape())
          + " does not match the tensor's shape " + Shapes.str(root.shape()));
    }
    boolean previous = GradMode.disable(); // backward computes plain values: no higher-order graphs
    try {
      if (root.gradFn == null) {
        LeafGradient.of(root).accumulate(seed, false, root.shape());
        return;
      }
      List<Function> order = topologicalOrder(root.gradFn);
      Map<Function, Tensor> pending = new IdentityHashMap<>();
      pending.put(root.gradFn, seed);
      DeadStorage dead = retainGraph ? null : new DeadStorage();
      for (int n = order.size() - 1; n >= 0; n--) {
        Function node = order.get(n);
        Tensor grad = pending.remove(node);
        if (grad != null) propagate(node, grad, pending, dead);
        if (!retainGraph) {
          dead.intermediatesReadBy(node);
          node.free();
        }
      }
      if (dead != null) dead.recycle();
    } finally {
      GradMode.restore(previous);
    }
  }

  private static void propagate(Function node, Tensor grad, Map<Function, Tensor> pending, DeadStorage dead) {
    node.checkSavedVersions();
    Tensor[] inputGrads = node.backward(grad);
    if (dead != null) dead.consumed(node, grad, inputGrads);
    boolean fresh = node.returnsFreshGradients();
    Tensor[] inputs = node.inputs;
    for (int i = 0; i < inputs.length; i++) {
      Tensor input = inputs[i];
      if (input == null || !input.requiresGrad()) continue;
      Tensor g = inputGrads[i];
      if (g == null) continue;
      if (!Arrays.equals(g.shape(), input.shape())) {
        throw new IllegalStateException(node.name() + ".backward: gradient for input " + i + " has shape "
            + Shapes.str(g.shape()) + " but the input has shape " + Shapes.str(input.shape()));
      }
      if (input.gradFn == null) {
        LeafGradient.of(input).accumulate(g, fresh, input.shape());
        continue;
      }
      Tensor earlier = pending.get(input.gradFn);
      Tensor sum = earlier == null ? g : earlier.add(g);
      pending.put(input.gradFn, sum);
      if (dead != null) dead.pending(earlier, g, fresh, sum);
    }
  }

  /** Nodes in post-order (inputs before users), found without recursion so deep graphs are fine. */
  private static List<Function> topologicalOrder(Function root) {
    List<Function> order = new ArrayList<>();
    Set<Function> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Function> stack = new ArrayDeque<>();
    Deque<Integer> next = new ArrayDeque<>();
    checkNotFreed(root);
    seen.add(root);
    stack.push(root);
    next.push(0);
    while (!stack.isEmpty()) {
      Function node = stack.peek();
      int i = next.pop();
      Tensor[] inputs = node.inputs;
      if (i < inputs.length) {
        next.push(i + 1);
        Tensor input = inputs[i];
        Function child = input == null ? null : input.gradFn;
        if (child != null && input.requiresGrad() && seen.add(child)) {
          checkNotFreed(child);
          stack.push(child);
          next.push(0);
        }
      } else {
        stack.pop();
        order.add(node);
      }
    }
    return order;
  }

  private static void checkNotFreed(Function node) {
    if (node.isFreed()) {
      throw new IllegalStateException("backward: trying to backward through the graph a second time (through "
          + node.name() + "); its saved values were freed by the first backward. Use backward(gradient, true) "
          + "to keep the graph, or recompute the forward pass");
    }
  }
}
