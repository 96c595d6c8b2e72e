package dev.jfastai.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Initialisers draw from distributions with PyTorch's bounds and standard deviations (values from
 * torch.nn.init's formulas in init.json); our random numbers differ from torch's, so moments are tested.
 */
class InitTest {
  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    Fixtures.json("init.json").get("cases").forEach(c -> out.add(Arguments.of(c.get("shape").toString(), c)));
    return out.stream();
  }

  private static int[] shape(JsonNode c) {
    int[] s = new int[c.get("shape").size()];
    for (int i = 0; i < s.length; i++) s[i] = c.get("shape").get(i).intValue();
    return s;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fansAndDistributionsMatchPyTorchFormulas(String name, JsonNode c) {
    int[] shape = shape(c);
    Tensor probe = Tensor.zeros(shape);
    assertEquals(c.get("fanIn").intValue(), Init.fanIn(probe));
    assertEquals(c.get("fanOut").intValue(), Init.fanOut(probe));
    Generator g = new Generator(11);
    assertUniform(c.get("kaimingUniformA5FanIn").doubleValue(),
        Init.kaimingUniform(Tensor.zeros(shape), Math.sqrt(5), FanMode.FAN_IN, g));
    assertUniform(c.get("kaimingUniformA0FanOut").doubleValue(),
        Init.kaimingUniform(Tensor.zeros(shape), 0, FanMode.FAN_OUT, g));
    assertUniform(c.get("xavierUniformGain1").doubleValue(), Init.xavierUniform(Tensor.zeros(shape), g));
    assertNormal(c.get("kaimingNormalA0FanIn").doubleValue(), Init.kaimingNormal(Tensor.zeros(shape), g));
    assertNormal(c.get("xavierNormalGain2").doubleValue(), Init.xavierNormal(Tensor.zeros(shape), 2, g));
    if (shape.length == 2) { // PyTorch's Linear default: weight and bias both bounded by 1/sqrt(fan_in)
      Linear layer = new Linear(shape[1], shape[0], g);
      assertUniform(c.get("kaimingUniformA5FanIn").doubleValue(), layer.weight());
      assertEquals(c.get("linearBiasBound").doubleValue(), c.get("kaimingUniformA5FanIn").doubleValue(), 1e-12);
      double bound = c.get("linearBiasBound").doubleValue();
      for (float b : layer.bias().orElseThrow().toFloatArray()) assertTrue(Math.abs(b) <= bound);
    }
  }

  /** U(-b, b): inside the bounds, reaching near them, mean 0 and std b/sqrt(3) within sampling error. */
  private static void assertUniform(double bound, Tensor t) {
    float[] v = t.toFloatArray();
    double max = 0;
    for (float x : v) max = Math.max(max, Math.abs(x));
    assertTrue(max <= bound * (1 + 1e-6), "max |x| " + max + " exceeds bound " + bound);
    assertTrue(max >= bound * (1 - 20.0 / v.length), "max |x| " + max + " far below bound " + bound);
    assertMoments(v, bound / Math.sqrt(3));
  }

  private static void assertNormal(double std, Tensor t) {
    assertMoments(t.toFloatArray(), std);
  }

  private static void assertMoments(float[] v, double std) {
    double sum = 0;
    double sq = 0;
    for (float x : v) {
      sum += x;
      sq += (double) x * x;
    }
    double mean = sum / v.length;
    double sampleStd = Math.sqrt(sq / v.length - mean * mean);
    assertEquals(0, mean, 5 * std / Math.sqrt(v.length), "mean");
    assertEquals(std, sampleStd, std * 5 / Math.sqrt(v.length), "std");
  }

  @Test
  void basicFillers() {
    Generator g = new Generator(3);
    Tensor u = Init.uniform(Tensor.zeros(10000), 2, 3, g);
    for (float x : u.toFloatArray()) assertTrue(x >= 2 && x <= 3);
    Tensor n = Init.normal(Tensor.zeros(20000), 5, 0.5, g);
    assertMoments(subtract(n.toFloatArray(), 5), 0.5);
    for (float x : Init.zeros(Tensor.ones(3)).toFloatArray()) assertEquals(0f, x);
    assertThrows(IllegalArgumentException.class, () -> Init.xavierUniform(Tensor.zeros(3), g));
    UnaryOperator<Tensor> same = t -> Init.kaimingNormal(t, new Generator(1));
    assertEquals(same.apply(Tensor.zeros(4, 4)).toString(), same.apply(Tensor.zeros(4, 4)).toString());
  }

  private static float[] subtract(float[] v, float c) {
    for (int i = 0; i < v.length; i++) v[i] -= c;
    return v;
  }
}
