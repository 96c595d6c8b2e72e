package dev.jfastai.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.nn.Safetensors;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hyper-parameter access, zeroGrad, validation, and exact resume from a state dict (also via safetensors). */
class OptimizerStateTest {
  private static List<Tensor> params(long seed) {
    Generator g = new Generator(seed);
    return List.of(Tensor.randn(g, 3, 4).requiresGrad(true), Tensor.randn(g, 4).requiresGrad(true));
  }

  private static List<Tensor> copies(List<Tensor> params) {
    List<Tensor> out = new ArrayList<>();
    for (Tensor p : params) out.add(p.copy().requiresGrad(true));
    return out;
  }

  private static void step(Optimizer opt, List<Tensor> params, Generator g) {
    for (Tensor p : params) p.setGrad(Tensor.randn(g, p.shape()));
    opt.step();
  }

  @Test
  void buildersAndFactoriesGiveTheSameOptimizerAsTheHyperParametersByName() {
    List<Tensor> a = params(5);
    List<Tensor> b = copies(a);
    SGD built = SGD.builder(a, 0.1).momentum(0.9).weightDecay(0.01).nesterov(true).build();
    Optimizer fromFactory = Optimizers.sgd(o -> o.momentum(0.9).weightDecay(0.01).nesterov(true)).create(b, 0.1);
    assertTrue(built.nesterov());
    assertEquals(0.9f, built.hyper(Optimizer.MOM));
    assertEquals(0.01f, built.hyper(Optimizer.WD));
    assertEquals(0f, built.hyper(Optimizer.DAMPENING));
    for (int i = 0; i < 3; i++) {
      step(built, a, new Generator(i));
      step(fromFactory, b, new Generator(i));
    }
    for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).toFloatArray(), b.get(i).toFloatArray());
    Adam adam = Adam.builder(params(1), 1e-3).betas(0.8, 0.99).eps(1e-6).weightDecay(0.1).build();
    assertEquals(0.8f, adam.hyper(Optimizer.MOM));
    assertEquals(0.99f, adam.hyper(Optimizer.SQR_MOM));
    assertEquals(1e-6f, adam.hyper(Optimizer.EPS));
    assertEquals(0.1f, adam.hyper(Optimizer.WD));
    assertEquals(0.01f, new AdamW(params(1), 1e-3).hyper(Optimizer.WD), "PyTorch's AdamW default");
    assertEquals(0f, new Adam(params(1), 1e-3).hyper(Optimizer.WD), "PyTorch's Adam default");
    Optimizer fastai = Optimizers.fastaiAdam().create(params(1), 1e-3);
    assertEquals(0.99f, fastai.hyper(Optimizer.SQR_MOM));
    assertEquals(1e-5f, fastai.hyper(Optimizer.EPS));
  }

  @Test
  void builderOptionsRejectBadValuesNamingThem() {
    List<Tensor> p = params(1);
    assertEquals("SGD.builder: momentum must be >= 0, got -0.5",
        assertThrows(IllegalArgumentException.class, () -> SGD.builder(p, 0.1).momentum(-0.5)).getMessage());
    assertEquals("SGD.builder: weightDecay must be >= 0, got NaN",
        assertThrows(IllegalArgumentException.class, () -> SGD.builder(p, 0.1).weightDecay(Double.NaN)).getMessage());
    assertEquals("SGD: Nesterov momentum requires momentum > 0 and dampening 0, got momentum=0.0, dampening=0.0",
        assertThrows(IllegalArgumentException.class, () -> SGD.builder(p, 0.1).nesterov(true).build()).getMessage());
    assertEquals("Adam.builder: betas must be in [0, 1), got (1.0, 0.999)",
        assertThrows(IllegalArgumentException.class, () -> Adam.builder(p, 0.1).betas(1, 0.999)).getMessage());
    assertEquals("AdamW.builder: eps must be >= 0, got -1.0E-8",
        assertThrows(IllegalArgumentException.class, () -> AdamW.builder(p, 0.1).eps(-1e-8)).getMessage());
    IllegalArgumentException early = assertThrows(IllegalArgumentException.class,
        () -> Optimizers.adamW(o -> o.weightDecay(-1)));
    assertEquals("AdamW.builder: weightDecay must be >= 0, got -1.0", early.getMessage(),
        "a factory checks its options when made, not at the learner's first fit");
  }

  @Test
  void resumingFromAStateDictContinuesBitForBit(@TempDir Path dir) throws IOException {
    List<BiFunction<List<Tensor>, Float, Optimizer>> makers = List.of(
        (p, lr) -> SGD.builder(p, lr).momentum(0.9).dampening(0.1).weightDecay(0.01).build(),
        (p, lr) -> SGD.builder(p, lr).momentum(0.9).weightDecay(0.01).nesterov(true).build(), Adam::new,
        (p, lr) -> AdamW.builder(p, lr).betas(0.8, 0.99).eps(1e-6).weightDecay(0.1).build(), BasicOptim::new);
    for (BiFunction<List<Tensor>, Float, Optimizer> make : makers) {
      List<Tensor> straight = params(1);
      Optimizer a = make.apply(straight, 0.01f);
      Generator ga = new Generator(2);
      for (int s = 0; s < 3; s++) step(a, straight, ga);
      a.setLr(0.02f);

      // Checkpoint: parameters and optimizer state, the optimizer's through one safetensors file.
      List<Tensor> resumed = copies(straight);
      Path file = dir.resolve("opt.safetensors");
      Safetensors.write(a.stateDict(), Map.of(), file);
      Optimizer b = make.apply(resumed, 0.5f);
      b.loadStateDict(Safetensors.read(file).tensors());
      assertEquals(0.02f, b.lr());
      Generator gb = new Generator(ga.state());

      for (int s = 0; s < 3; s++) {
        step(a, straight, ga);
        step(b, resumed, gb);
      }
      for (int i = 0; i < straight.size(); i++) {
        assertArrayEquals(straight.get(i).toFloatArray(), resumed.get(i).toFloatArray(), a.getClass() + " param " + i);
      }
    }
  }

  @Test
  void stateDictNamesEveryHyperParameterAndBuffer() {
    List<Tensor> p = params(1);
    Adam adam = new Adam(p, 0.01f);
    step(adam, p, new Generator(3));
    assertEquals(List.of("group.0.lr", "group.0.mom", "group.0.sqrMom", "group.0.eps", "group.0.wd",
        "param.0.step", "param.0.exp_avg", "param.0.exp_avg_sq", "param.1.step", "param.1.exp_avg",
        "param.1.exp_avg_sq"), sorted(adam.stateDict(), List.of("lr", "mom", "sqrMom", "eps", "wd")));
    assertEquals(1f, adam.stateDict().get("param.1.step").item());
    assertEquals(0, adam.stateDict().get("group.0.lr").dim());
  }

  private static List<String> sorted(Map<String, Tensor> state, List<String> hyperOrder) {
    List<String> keys = new ArrayList<>();
    for (String h : hyperOrder) keys.add("group.0." + h);
    state.keySet().stream().filter(k -> k.startsWith("param.")).forEach(keys::add);
    assertEquals(state.size(), keys.size(), "unexpected keys in " + state.keySet());
    return keys;
  }

  @Test
  void loadStateDictIsStrictAndAllOrNothing() {
    List<Tensor> p = params(1);
    Adam adam = new Adam(p, 0.01f);
    step(adam, p, new Generator(3));
    Map<String, Tensor> good = adam.stateDict();

    Adam other = new Adam(params(2), 0.5f);
    Map<String, Tensor> bad = new LinkedHashMap<>(good);
    bad.remove("group.0.lr");
    bad.put("param.7.exp_avg", Tensor.zeros(4));
    bad.put("param.0.exp_avg_sq", Tensor.zeros(4, 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.loadStateDict(bad));
    assertTrue(e.getMessage().contains("missing keys: [group.0.lr]"), e.getMessage());
    assertTrue(e.getMessage().contains("unexpected keys: [param.7.exp_avg]"), e.getMessage());
    assertTrue(e.getMessage().contains("param.0.exp_avg_sq: checkpoint [4, 3] vs expected [3, 4]"), e.getMessage());
    assertEquals(0.5f, other.lr(), "nothing loaded");
    assertTrue(other.stateDict().keySet().stream().noneMatch(k -> k.startsWith("param.")), "no state loaded");

    Map<String, Tensor> partial = new LinkedHashMap<>(good);
    partial.remove("param.1.exp_avg");
    assertThrows(IllegalArgumentException.class, () -> other.loadStateDict(partial));

    SGD sgd = SGD.builder(params(1), 0.1f).momentum(0.9).build();
    IllegalArgumentException wrongKind = assertThrows(IllegalArgumentException.class, () -> sgd.loadStateDict(good));
    assertTrue(wrongKind.getMessage().contains("group.0.dampening"), wrongKind.getMessage());
  }

  @Test
  void hyperParametersByNameAcrossGroups() {
    List<Tensor> p = params(1);
    Adam adam = Adam.builderForGroups(List.of(new ParamGroup(p.subList(0, 1)),
        new ParamGroup(p.subList(1, 2), Map.of(Optimizer.LR, 1e-4))), 1e-3).build();
    assertEquals(1e-3f, adam.lr()); // stored as float32
    assertEquals(1e-4f, adam.paramGroups().get(1).get(Optimizer.LR));
    assertEquals(0.9f, adam.hyper(Optimizer.MOM));
    assertEquals(0.999f, adam.hyper(Optimizer.SQR_MOM));
    adam.setLr(0.05f);
    adam.setHyper(Optimizer.MOM, 0.85f);
    for (ParamGroup g : adam.paramGroups()) {
      assertEquals(0.05f, g.get(Optimizer.LR));
      assertEquals(0.85f, g.get(Optimizer.MOM));
    }
    IllegalArgumentException betas = assertThrows(IllegalArgumentException.class, () -> adam.hyper("betas"));
    assertTrue(betas.getMessage().contains("'mom' and 'sqrMom'"), betas.getMessage());
    assertThrows(IllegalArgumentException.class, () -> adam.setHyper("momentum", 0.9f));
    assertEquals(0.85f, adam.hyper(Optimizer.MOM));
    assertThrows(IllegalArgumentException.class, () -> new BasicOptim(p, 0.1f).hyper(Optimizer.MOM));
  }

  @Test
  void zeroGradClearsAndParametersWithoutGradAreSkipped() {
    List<Tensor> p = params(1);
    float[] before = p.get(1).toFloatArray();
    SGD sgd = new SGD(p, 0.1f);
    p.get(0).setGrad(Tensor.ones(3, 4));
    sgd.step();
    assertArrayEquals(before, p.get(1).toFloatArray(), "no gradient, no update");
    sgd.zeroGrad();
    assertTrue(p.get(0).grad().isEmpty());
    assertTrue(p.get(1).grad().isEmpty());
  }

  @Test
  void constructorsValidateLikePyTorch() {
    List<Tensor> p = params(1);
    assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), 0.1f));
    assertThrows(IllegalArgumentException.class, () -> new SGD(p, -0.1f));
    assertThrows(IllegalArgumentException.class, () -> SGD.builder(p, 0.1f).nesterov(true).build());
    assertThrows(IllegalArgumentException.class, () -> Adam.builder(p, 0.1f).betas(1, 0.999));
    assertThrows(IllegalArgumentException.class, () -> new AdamW(List.of(p.get(0), p.get(0)), 0.1f));
    assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p.get(0).mul(2f)), 0.1f));
    assertThrows(IllegalArgumentException.class,
        () -> SGD.builderForGroups(List.of(new ParamGroup(p, Map.of("momentum", 0.9))), 0.1f).build());
  }
}
