package dev.jfastai.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registration, naming, modes, state dicts and repr of modules. */
class ModuleTest {
  private static Sequential mlp(long seed) {
    Generator g = new Generator(seed);
    return new Sequential(new Linear(4, 3, g), new ReLU(), Linear.builder(3, 2).bias(false).generator(g).build());
  }

  /** A user-written module with a parameter, a buffer and a child, as a Learner user would write one. */
  static final class Scaled extends Module {
    final Tensor scale = registerParameter("scale", Tensor.ones(2));
    final Tensor count = registerBuffer("count", Tensor.zeros(1));
    final Linear fc = registerModule("fc", new Linear(3, 2, new Generator(5)));

    @Override
    public Tensor forward(Tensor input) {
      return fc.forward(input).mul(scale);
    }
  }

  @Test
  void parametersAreNamedRecursivelyInRegistrationOrder() {
    Sequential model = mlp(1);
    assertEquals(List.of("0.weight", "0.bias", "2.weight"), List.copyOf(model.namedParameters().keySet()));
    assertEquals(List.of("0", "1", "2"), List.copyOf(model.namedChildren().keySet()));
    Linear first = (Linear) model.get(0);
    assertSame(first.weight(), model.parameters().get(0));
    assertTrue(first.weight().requiresGrad());
    assertTrue(((Linear) model.get(2)).bias().isEmpty());
    Scaled s = new Scaled();
    assertEquals(List.of("scale", "fc.weight", "fc.bias"), List.copyOf(s.namedParameters().keySet()));
    assertEquals(List.of("scale", "count", "fc.weight", "fc.bias"), List.copyOf(s.stateDict().keySet()));
  }

  @Test
  void sharedParameterIsListedOnceButSavedUnderEachName() {
    Linear shared = new Linear(2, 2, new Generator(0));
    Sequential model = new Sequential(shared, new ReLU(), shared);
    assertEquals(List.of("0.weight", "0.bias"), List.copyOf(model.namedParameters().keySet()));
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(model.stateDict().keySet()));
  }

  @Test
  void trainAndEvalReachEverySubModule() {
    Sequential inner = new Sequential(new Dropout(0.5f, new Generator(0)));
    Sequential model = new Sequential(new Linear(2, 2, new Generator(0)), inner);
    assertTrue(model.isTraining());
    assertSame(model, model.eval());
    assertFalse(model.isTraining());
    assertFalse(inner.get(0).isTraining());
    model.train();
    assertTrue(inner.get(0).isTraining());
  }

  @Test
  void stateDictIsASnapshot() {
    Sequential model = mlp(1);
    Map<String, Tensor> state = model.stateDict();
    Tensor weight = ((Linear) model.get(0)).weight();
    assertNotSame(weight, state.get("0.weight"));
    assertFalse(state.get("0.weight").requiresGrad());
    float before = state.get("0.weight").toFloatArray()[0];
    weight.array()[weight.arrayOffset()] += 1f; // training changes the live weight...
    assertEquals(before, state.get("0.weight").toFloatArray()[0]); // ...not the snapshot
    state.get("0.bias").fillInPlace(7f);
    assertFalse(((Linear) model.get(0)).bias().orElseThrow().toFloatArray()[0] == 7f);
  }

  @Test
  void loadStateDictCopiesValuesIntoTheSameTensors() {
    Sequential source = mlp(1);
    Sequential target = mlp(2);
    Tensor liveWeight = ((Linear) target.get(0)).weight();
    target.loadStateDict(source.stateDict());
    assertSame(liveWeight, ((Linear) target.get(0)).weight());
    assertArrayEquals(((Linear) source.get(0)).weight().toFloatArray(), liveWeight.toFloatArray());
    assertTrue(liveWeight.requiresGrad());
  }

  @Test
  void loadStateDictReportsEveryProblemAndLoadsNothing() {
    Sequential model = mlp(1);
    Map<String, Tensor> before = model.stateDict();
    Map<String, Tensor> bad = new LinkedHashMap<>(mlp(2).stateDict());
    bad.remove("0.bias");
    bad.put("1.weight", Tensor.zeros(1));
    bad.put("2.weight", Tensor.zeros(3, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(bad));
    String msg = e.getMessage();
    assertTrue(msg.contains("missing keys: [0.bias]"), msg);
    assertTrue(msg.contains("unexpected keys: [1.weight]"), msg);
    assertTrue(msg.contains("2.weight: checkpoint [3, 2] vs module [2, 3]"), msg);
    Map<String, Tensor> after = model.stateDict();
    before.forEach((k, t) -> assertArrayEquals(t.toFloatArray(), after.get(k).toFloatArray(), k + " changed"));
  }

  @Test
  void registrationRejectsBadNames() {
    class Bad extends Module {
      @Override
      public Tensor forward(Tensor input) {
        return input;
      }

      void register(String name) {
        registerParameter(name, Tensor.zeros(1));
      }
    }
    Bad bad = new Bad();
    bad.register("w");
    assertThrows(IllegalArgumentException.class, () -> bad.register("w"));
    assertThrows(IllegalArgumentException.class, () -> bad.register("a.b"));
    assertThrows(IllegalArgumentException.class, () -> bad.register(""));
  }

  @Test
  void reprLooksLikePyTorch() {
    Module model = new Sequential(new Flatten(),
        Linear.builder(3, 2).bias(false).generator(new Generator(0)).build(), new Dropout(0.25f),
        new Sequential(new Tanh()));
    assertEquals("Sequential(\n"
        + "  (0): Flatten(start_dim=1, end_dim=-1)\n"
        + "  (1): Linear(in_features=3, out_features=2, bias=False)\n"
        + "  (2): Dropout(p=0.25)\n"
        + "  (3): Sequential(\n"
        + "    (0): Tanh()\n"
        + "  )\n"
        + ")", model.toString());
    assertEquals("Scaled(\n  (fc): Linear(in_features=3, out_features=2, bias=True)\n)", new Scaled().toString());
  }

  @Test
  void sequentialIndexing() {
    Sequential model = mlp(1);
    assertEquals(3, model.size());
    assertTrue(model.get(-2) instanceof ReLU);
    assertThrows(IndexOutOfBoundsException.class, () -> model.get(3));
    assertEquals(3, model.layers().size());
  }

  @Test
  void linearIsReproducibleFromAGeneratorAndUsesPyTorchBounds() {
    assertArrayEquals(new Linear(50, 20, new Generator(9)).weight().toFloatArray(),
        new Linear(50, 20, new Generator(9)).weight().toFloatArray());
    Linear a = new Linear(50, 20);
    Linear b = new Linear(50, 20);
    assertFalse(java.util.Arrays.equals(a.weight().toFloatArray(), b.weight().toFloatArray()),
        "layers built without a generator must not share a hidden global seed");
    float bound = (float) (1 / Math.sqrt(50));
    for (float w : a.weight().toFloatArray()) assertTrue(Math.abs(w) <= bound, "weight " + w);
    for (float w : a.bias().orElseThrow().toFloatArray()) assertTrue(Math.abs(w) <= bound, "bias " + w);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.forward(Tensor.zeros(2, 49)));
    assertTrue(e.getMessage().contains("[2, 49]"), e.getMessage());
  }

  @Test
  void dropoutIsInvertedAndOffInEval() {
    Dropout dropout = new Dropout(0.3f, new Generator(4));
    Tensor x = Tensor.ones(100, 100).requiresGrad(true);
    Tensor y = dropout.forward(x);
    int zeros = 0;
    for (float v : y.toFloatArray()) {
      if (v == 0) zeros++;
      else assertEquals(1 / 0.7f, v, 1e-6f);
    }
    assertEquals(0.3, zeros / 10000.0, 0.02);
    y.sum().backward();
    assertArrayEquals(y.toFloatArray(), x.grad().orElseThrow().toFloatArray(), "gradient is the scaled mask");
    Tensor again = new Dropout(0.3f, new Generator(4)).forward(Tensor.ones(100, 100));
    assertArrayEquals(y.toFloatArray(), again.toFloatArray(), "same generator seed, same mask");
    dropout.eval();
    assertSame(x, dropout.forward(x));
    Tensor all = new Dropout(1f, new Generator(0)).forward(Tensor.ones(3));
    assertArrayEquals(new float[3], all.toFloatArray());
    assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5f));
  }
}
