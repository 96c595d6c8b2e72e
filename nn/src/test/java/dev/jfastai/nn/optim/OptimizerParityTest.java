package dev.jfastai.nn.optim;

import static dev.jfastai.nn.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jfastai.nn.Fixtures;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Five steps of each optimizer on fixed gradients equal torch.optim's to 1e-6, including learning-rate and
 * momentum changes between steps (as schedulers make) and two parameter groups; the final per-parameter state
 * matches torch's under the same names.
 */
class OptimizerParityTest {
  private static final double TOL = 1e-6;
  private static final JsonNode FIXTURE = Fixtures.json("optim.json");

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    FIXTURE.get("cases").forEach(c -> out.add(Arguments.of(c.get("name").asText(), c)));
    return out.stream();
  }

  private static float hyper(JsonNode h, String name, float fallback) {
    return h.has(name) ? (float) h.get(name).doubleValue() : fallback;
  }

  static Optimizer build(JsonNode c, List<Tensor> params) {
    JsonNode h = c.get("hypers");
    float lr = hyper(h, "lr", 0);
    float mom = hyper(h, "mom", 0);
    float sqrMom = hyper(h, "sqrMom", 0);
    float eps = hyper(h, "eps", 0);
    float wd = hyper(h, "wd", 0);
    boolean nesterov = h.has("nesterov") && h.get("nesterov").asBoolean();
    if (c.has("group1")) { // first group: all but the last parameter; second: the last, with its own values
      JsonNode g1 = c.get("group1");
      List<ParamGroup> groups = List.of(new ParamGroup(params.subList(0, params.size() - 1)),
          new ParamGroup(params.subList(params.size() - 1, params.size()),
              Map.of(Optimizer.LR, (double) hyper(g1, "lr", lr), Optimizer.MOM, (double) hyper(g1, "mom", mom))));
      return SGD.builderForGroups(groups, lr).momentum(mom).dampening(hyper(h, "dampening", 0)).weightDecay(wd)
          .nesterov(nesterov).build();
    }
    switch (c.get("kind").asText()) {
      case "basic":
        OptimizerFactory factory = BasicOptim::new; // the chapter's opt_func
        return factory.create(params, lr);
      case "sgd":
        float dampening = hyper(h, "dampening", 0);
        return Optimizers.sgd(o -> o.momentum(mom).dampening(dampening).weightDecay(wd).nesterov(nesterov))
            .create(params, lr);
      case "adam":
        return Optimizers.adam(o -> o.betas(mom, sqrMom).eps(eps).weightDecay(wd)).create(params, lr);
      case "adamw":
        return Optimizers.adamW(o -> o.betas(mom, sqrMom).eps(eps).weightDecay(wd)).create(params, lr);
      default:
        throw new IllegalArgumentException(c.get("kind").asText());
    }
  }

  static List<Tensor> initialParams() {
    List<Tensor> params = new ArrayList<>();
    FIXTURE.get("initial").forEach(t -> params.add(Fixtures.tensor(t).requiresGrad(true)));
    return params;
  }

  /** Sets step {@code s}'s fixture gradients and the case's scheduled lr/mom, as torch's loop did. */
  static void prepareStep(JsonNode c, Optimizer opt, List<Tensor> params, int s) {
    if (c.has("lrs")) opt.setLr((float) c.get("lrs").get(s).doubleValue());
    if (c.has("moms")) opt.setHyper(Optimizer.MOM, (float) c.get("moms").get(s).doubleValue());
    for (int i = 0; i < params.size(); i++) params.get(i).setGrad(Fixtures.tensor(FIXTURE.get("grads").get(s).get(i)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fiveStepsMatchTorchOptim(String name, JsonNode c) {
    List<Tensor> params = initialParams();
    Optimizer opt = build(c, params);
    if (c.has("skipWeightDecayLast")) opt.skipWeightDecay(params.subList(params.size() - 1, params.size()));
    for (int s = 0; s < 5; s++) {
      prepareStep(c, opt, params, s);
      opt.step();
      for (int i = 0; i < params.size(); i++) {
        assertClose(c.get("steps").get(s).get(i), params.get(i), TOL, 0, name + " step " + (s + 1) + " param " + i);
      }
    }
    Map<String, Tensor> state = opt.stateDict();
    Map<String, Tensor> expected = Fixtures.tensors(c.get("state"));
    TreeSet<String> ours = new TreeSet<>(state.keySet());
    ours.removeIf(k -> k.startsWith("group."));
    assertEquals(new TreeSet<>(expected.keySet()), ours, "per-parameter state keys");
    expected.forEach((k, t) -> assertClose(t, state.get(k), TOL, 1e-6, name + " state " + k));
  }
}
