package dev.jfastai.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.nn.optim.BasicOptim;
import dev.jfastai.nn.optim.Optimizer;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forward hooks as PyTorch's register_forward_hook: who sees what, in which order, removal, storage safety. */
class ForwardHookTest {
  @Test
  void hooksSeeModuleInputAndOutputInOrderUntilRemoved() {
    Linear first = new Linear(3, 4, new Generator(1));
    ReLU relu = new ReLU();
    Sequential net = new Sequential(first, relu, new Linear(4, 2, new Generator(2)));
    List<String> calls = new ArrayList<>();
    List<Tensor> seen = new ArrayList<>();
    RemovableHandle a = first.registerForwardHook((m, in, out) -> {
      calls.add("a");
      assertSame(first, m);
      seen.add(in);
      seen.add(out);
    });
    RemovableHandle b = first.registerForwardHook((m, in, out) -> calls.add("b"));
    List<Tensor> reluInputs = new ArrayList<>();
    relu.registerForwardHook((m, in, out) -> {
      calls.add("relu");
      reluInputs.add(in);
    });
    Tensor x = Tensor.randn(new Generator(3), 5, 3);
    net.call(x);
    assertEquals(List.of("a", "b", "relu"), calls);
    assertSame(x, seen.get(0));
    assertSame(seen.get(1), reluInputs.get(0), "the next layer's input is the hooked layer's output");
    assertArrayEquals(first.forward(x).toFloatArray(), seen.get(1).toFloatArray());

    calls.clear();
    a.remove();
    a.remove(); // harmless
    net.forward(x);
    assertEquals(List.of("b", "relu"), calls, "Sequential calls its layers through call(), hooks and all");
    b.close();
    calls.clear();
    first.call(x);
    first.forward(x);
    assertEquals(List.of(), calls);
    assertFalse(first.hasForwardHooks());
    assertTrue(relu.hasForwardHooks());
  }

  @Test
  void forwardAloneRunsNoHooksLikePyTorch() {
    Linear layer = new Linear(2, 2, new Generator(1));
    List<Tensor> outs = new ArrayList<>();
    try (RemovableHandle ignored = layer.registerForwardHook((m, in, out) -> outs.add(out))) {
      layer.forward(Tensor.zeros(1, 2));
      assertEquals(0, outs.size());
      layer.call(Tensor.zeros(1, 2));
      assertEquals(1, outs.size());
    }
    layer.call(Tensor.zeros(1, 2));
    assertEquals(1, outs.size(), "removed when the try block closed the handle");
  }

  @Test
  void anActivationAHookKeepsIsNotRecycledByBackward() {
    Generator g = new Generator(6);
    Linear hooked = new Linear(32, 32, g);
    Sequential net = new Sequential(hooked, new ReLU(), new Linear(32, 32, g), new ReLU(),
        new Linear(32, 1, g));
    List<Tensor> kept = new ArrayList<>();
    hooked.registerForwardHook((m, in, out) -> kept.add(out));
    Optimizer opt = new BasicOptim(net.parameters(), 0.1f);
    float[] firstValues = null;
    for (int s = 0; s < 4; s++) {
      Tensor out = net.call(Tensor.randn(new Generator(100 + s), 64, 32));
      if (s == 0) firstValues = kept.get(0).toFloatArray();
      out.mul(out).mean().backward();
      opt.step();
      opt.zeroGrad();
    }
    assertArrayEquals(firstValues, kept.get(0).toFloatArray(), "what the hook kept keeps its values");
  }
}
