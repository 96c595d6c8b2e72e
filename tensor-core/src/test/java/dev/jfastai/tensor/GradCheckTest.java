package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jfastai.tensor.TensorFixtures.FixtureTensor;
import dev.jfastai.tensor.TensorFixtures.OpCase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Central finite differences against autograd, for every differentiable case of tensor_ops.json (so every
 * differentiable op and each broadcasting/reduction variant), on fresh random inputs drawn from each input's
 * domain. The loss sum(out * w) is summed in double from {@code out.toFloatArray()}; only the op itself runs
 * in float32.
 *
 * <p>Tolerance, per checked element: {@code |fd - autograd| <= 1e-2 |autograd| + 1e-3 max|autograd| + noise}.
 * With step h = 1e-2, truncation error h^2/6 |f'''/f'| stays below 2e-3 relative on these domains (worst: div by
 * values >= 0.25; bilinear ops such as matmul have none), and kinks (relu, abs, clamp, max) lie >= 0.03 > h away.
 * {@code noise} bounds float32 rounding of the outputs that the perturbation changed: 2^-19 (about 16 float32
 * ulps, both evaluations together) times sum |out_j * w_j| over those outputs, divided by the actual step. A wrong
 * gradient (a missed broadcast reduction, a sign, a factor) is off by O(1) relative and fails by far.
 */
class GradCheckTest {
  private static final double STEP = 1e-2;
  private static final double RTOL = 1e-2;
  private static final double FLOOR = 1e-3;
  private static final double ROUNDING = 0x1p-19;
  /** Elements checked per input; bigger inputs are sampled at random. */
  private static final int MAX_CHECKED = 48;

  /** Differentiable cases, except those that sit on a kink or a tie on purpose (integer inputs requiring grad). */
  static Stream<OpCase> cases() {
    return TensorFixtures.opCases().stream().filter(OpCase::differentiable)
        .filter(c -> c.inputs().stream().noneMatch(in -> in.requiresGrad() && "smallInts".equals(in.domain())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void autogradMatchesFiniteDifferences(OpCase c) {
    Generator g = new Generator(c.name().hashCode());
    List<float[]> data = new ArrayList<>();
    for (FixtureTensor in : c.inputs()) data.add(InputDomains.draw(in.domain(), in.data().length, g));

    List<Tensor> inputs = tensors(c, data, true);
    Tensor out = OpCatalog.run(c, inputs);
    float[] w = InputDomains.draw("normal", out.numel(), g);
    out.backward(TensorFixtures.newTensor(w, out.shape()));

    List<String> failures = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      if (!c.inputs().get(i).requiresGrad()) continue;
      Tensor grad = inputs.get(i).grad().orElse(null);
      assertNotNull(grad, c.name() + ": input " + i + " requires grad but got none");
      float[] autograd = grad.toFloatArray();
      double scale = 0;
      for (float v : autograd) scale = Math.max(scale, Math.abs(v));
      for (int k : checkedElements(autograd.length, g)) {
        String failure = check(c, data, w, i, k, autograd[k], scale);
        if (failure != null) failures.add(failure);
      }
    }
    if (!failures.isEmpty()) {
      fail(c.name() + ": " + failures.size() + " gradient elements disagree with finite differences:\n  "
          + String.join("\n  ", failures.subList(0, Math.min(8, failures.size()))));
    }
  }

  /** Checks d loss / d input[i][k]; returns a description of the mismatch, or null. */
  private static String check(OpCase c, List<float[]> data, float[] w, int i, int k, float autograd, double scale) {
    float x = data.get(i)[k];
    float plus = (float) (x + STEP);
    float minus = (float) (x - STEP);
    float[] outPlus = evaluate(c, data, i, k, plus);
    float[] outMinus = evaluate(c, data, i, k, minus);
    double lossDiff = 0;
    double changed = 0;
    for (int j = 0; j < w.length; j++) {
      lossDiff += ((double) outPlus[j] - outMinus[j]) * w[j];
      if (outPlus[j] != outMinus[j]) changed += Math.abs(w[j]) * Math.max(Math.abs(outPlus[j]), Math.abs(outMinus[j]));
    }
    double step = (double) plus - minus;
    double fd = lossDiff / step;
    double allowed = RTOL * Math.abs(autograd) + FLOOR * scale + ROUNDING * changed / step;
    if (Math.abs(fd - autograd) <= allowed) return null;
    return String.format("input %d %s element %s: autograd %.6g, finite difference %.6g (|diff| %.3g > allowed %.3g)",
        i, c.inputs().get(i), TensorAssert.index(c.inputs().get(i).shape(), k), autograd, fd,
        Math.abs(fd - autograd), allowed);
  }

  /** The op's output with input i's element k set to value; no graph is recorded. */
  private static float[] evaluate(OpCase c, List<float[]> data, int i, int k, float value) {
    List<float[]> perturbed = new ArrayList<>(data);
    float[] copy = data.get(i).clone();
    copy[k] = value;
    perturbed.set(i, copy);
    return OpCatalog.run(c, tensors(c, perturbed, false)).toFloatArray();
  }

  private static List<Tensor> tensors(OpCase c, List<float[]> data, boolean withGrad) {
    List<Tensor> result = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      Tensor t = TensorFixtures.newTensor(data.get(i), c.inputs().get(i).shape());
      result.add(withGrad && c.inputs().get(i).requiresGrad() ? t.requiresGrad(true) : t);
    }
    return result;
  }

  private static int[] checkedElements(int n, Generator g) {
    if (n <= MAX_CHECKED) {
      int[] all = new int[n];
      for (int k = 0; k < n; k++) all[k] = k;
      return all;
    }
    int[] sample = new int[MAX_CHECKED];
    System.arraycopy(g.permutation(n), 0, sample, 0, MAX_CHECKED);
    return sample;
  }
}
