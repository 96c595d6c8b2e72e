package dev.jfastai.tensor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fixture op names (see gen_tensor_fixtures.py's OPS) mapped to the Tensor calls they exercise.
 * A case's args pick the overload: e.g. sum_dim without "keepDim" calls {@code sum(dim)}, with it
 * {@code sum(dim, keepDim)}.
 */
final class OpCatalog {
  @FunctionalInterface
  interface Op {
    Tensor apply(List<Tensor> x, JsonNode args);
  }

  private static final Map<String, Op> OPS = new LinkedHashMap<>();

  static {
    op("add", (x, a) -> x.get(0).add(x.get(1)));
    op("sub", (x, a) -> x.get(0).sub(x.get(1)));
    op("mul", (x, a) -> x.get(0).mul(x.get(1)));
    op("div", (x, a) -> x.get(0).div(x.get(1)));
    op("add_scalar", (x, a) -> x.get(0).add(f(a, "value")));
    op("sub_scalar", (x, a) -> x.get(0).sub(f(a, "value")));
    op("mul_scalar", (x, a) -> x.get(0).mul(f(a, "value")));
    op("div_scalar", (x, a) -> x.get(0).div(f(a, "value")));
    op("rsub_scalar", (x, a) -> x.get(0).rsub(f(a, "value")));
    op("neg", (x, a) -> x.get(0).neg());
    op("exp", (x, a) -> x.get(0).exp());
    op("log", (x, a) -> x.get(0).log());
    op("sigmoid", (x, a) -> x.get(0).sigmoid());
    op("relu", (x, a) -> x.get(0).relu());
    op("tanh", (x, a) -> x.get(0).tanh());
    op("sqrt", (x, a) -> x.get(0).sqrt());
    op("abs", (x, a) -> x.get(0).abs());
    op("softplus", (x, a) -> x.get(0).softplus());
    op("pow", (x, a) -> x.get(0).pow(f(a, "exponent")));
    op("clamp", (x, a) -> x.get(0).clamp(f(a, "min"), f(a, "max")));
    op("clamp_min", (x, a) -> x.get(0).clampMin(f(a, "min")));
    op("gt", (x, a) -> x.get(0).gt(x.get(1)));
    op("lt", (x, a) -> x.get(0).lt(x.get(1)));
    op("ge", (x, a) -> x.get(0).ge(x.get(1)));
    op("le", (x, a) -> x.get(0).le(x.get(1)));
    op("eq", (x, a) -> x.get(0).eq(x.get(1)));
    op("gt_scalar", (x, a) -> x.get(0).gt(f(a, "value")));
    op("lt_scalar", (x, a) -> x.get(0).lt(f(a, "value")));
    op("ge_scalar", (x, a) -> x.get(0).ge(f(a, "value")));
    op("le_scalar", (x, a) -> x.get(0).le(f(a, "value")));
    op("eq_scalar", (x, a) -> x.get(0).eq(f(a, "value")));
    op("where", (x, a) -> Tensor.where(x.get(0), x.get(1), x.get(2)));
    op("sum_all", (x, a) -> x.get(0).sum());
    op("mean_all", (x, a) -> x.get(0).mean());
    op("max_all", (x, a) -> x.get(0).max());
    op("sum_dim", (x, a) -> a.has("keepDim") ? x.get(0).sum(i(a, "dim"), keep(a)) : x.get(0).sum(i(a, "dim")));
    op("mean_dim", (x, a) -> a.has("keepDim") ? x.get(0).mean(i(a, "dim"), keep(a)) : x.get(0).mean(i(a, "dim")));
    op("max_dim", (x, a) -> a.has("keepDim") ? x.get(0).max(i(a, "dim"), keep(a)) : x.get(0).max(i(a, "dim")));
    op("argmax", (x, a) -> x.get(0).argmax(i(a, "dim")));
    op("matmul", (x, a) -> x.get(0).matmul(x.get(1)));
    op("matmul_bt", (x, a) -> x.get(0).matmul(x.get(1).t()));
    op("matmul_at", (x, a) -> x.get(0).t().matmul(x.get(1)));
    op("t_mul", (x, a) -> x.get(0).t().mul(x.get(1)));
    op("t", (x, a) -> x.get(0).t());
    op("transpose", (x, a) -> x.get(0).transpose(i(a, "dim0"), i(a, "dim1")));
    op("view", (x, a) -> x.get(0).view(ints(a, "shape")));
    op("reshape", (x, a) -> x.get(0).reshape(ints(a, "shape")));
    op("flatten", (x, a) -> x.get(0).flatten());
    op("flatten_range", (x, a) -> x.get(0).flatten(i(a, "start"), i(a, "end")));
    op("unsqueeze", (x, a) -> x.get(0).unsqueeze(i(a, "dim")));
    op("squeeze", (x, a) -> x.get(0).squeeze());
    op("squeeze_dim", (x, a) -> x.get(0).squeeze(i(a, "dim")));
    op("cat", (x, a) -> Tensor.cat(x, i(a, "dim")));
    op("stack", (x, a) -> Tensor.stack(x, i(a, "dim")));
    op("narrow", (x, a) -> x.get(0).narrow(i(a, "dim"), i(a, "start"), i(a, "length")));
    op("get", (x, a) -> x.get(0).get(i(a, "index")));
    op("index_select", (x, a) -> x.get(0).indexSelect(i(a, "dim"), ints(a, "indices")));
    op("expand", (x, a) -> x.get(0).expand(ints(a, "shape")));
    op("linear", (x, a) -> Tensor.linear(x.get(0), x.get(1), x.size() == 3 ? x.get(2) : null));
    op("arange_n", (x, a) -> Tensor.arange(i(a, "n")));
    op("arange_range", (x, a) -> Tensor.arange(f(a, "start"), f(a, "end"), f(a, "step")));
    op("mnist_loss", (x, a) -> mnistLoss(x.get(0), x.get(1)));
    op("conv2d", (x, a) -> x.size() == 3 ? NnFunctional.conv2d(x.get(0), x.get(1), x.get(2), convOptions(a))
        : NnFunctional.conv2d(x.get(0), x.get(1), convOptions(a)));
    op("max_pool2d", (x, a) -> NnFunctional.maxPool2d(x.get(0), poolOptions(a)));
    op("avg_pool2d", (x, a) -> NnFunctional.avgPool2d(x.get(0), poolOptions(a)));
    op("adaptive_avg_pool2d", (x, a) -> NnFunctional.adaptiveAvgPool2d(x.get(0), ints(a, "output")[0],
        ints(a, "output")[1]));
    // The running stats are copies: the op updates them in place (BatchNormRunningStatsTest checks that update).
    op("batch_norm", (x, a) -> x.size() == 5
        ? NnFunctional.batchNorm(x.get(0), x.get(1).copy(), x.get(2).copy(), x.get(3), x.get(4),
            BatchNormOptions.builder().training(required(a, "training").asBoolean()).momentum(d(a, "momentum"))
                .eps(d(a, "eps")).build())
        : NnFunctional.batchNorm(x.get(0), x.get(1).copy(), x.get(2).copy(),
            BatchNormOptions.builder().training(required(a, "training").asBoolean()).build()));
  }

  private OpCatalog() {}

  static Tensor apply(String op, List<Tensor> inputs, JsonNode args) {
    Op fn = OPS.get(op);
    if (fn == null) throw new IllegalArgumentException("OpCatalog: unknown fixture op '" + op + "', known: " + names());
    return fn.apply(inputs, args);
  }

  /** Runs a fixture case's op; an exception from the op fails the test naming the case and the input shapes. */
  static Tensor run(TensorFixtures.OpCase c, List<Tensor> inputs) {
    try {
      return apply(c.op(), inputs, c.args());
    } catch (RuntimeException e) {
      throw new AssertionError(c.name() + ": " + c.op() + c.args() + " on inputs " + c.inputs() + " threw " + e, e);
    }
  }

  static Set<String> names() {
    return OPS.keySet();
  }

  /** The chapter's loss: where(targ == 1, 1 - sigmoid(pred), sigmoid(pred)).mean(). */
  static Tensor mnistLoss(Tensor pred, Tensor targ) {
    Tensor p = pred.sigmoid();
    return Tensor.where(targ.eq(1f), p.rsub(1f), p).mean();
  }

  private static void op(String name, Op fn) {
    OPS.put(name, fn);
  }

  static Conv2dOptions convOptions(JsonNode a) {
    int[] s = ints(a, "stride");
    int[] p = ints(a, "padding");
    int[] d = ints(a, "dilation");
    return Conv2dOptions.builder().stride(s[0], s[1]).padding(p[0], p[1]).dilation(d[0], d[1])
        .groups(i(a, "groups")).build();
  }

  static Pool2dOptions poolOptions(JsonNode a) {
    int[] k = ints(a, "kernel");
    int[] s = ints(a, "stride");
    int[] p = ints(a, "padding");
    return Pool2dOptions.builder(k[0], k[1]).stride(s[0], s[1]).padding(p[0], p[1])
        .countIncludePad(a.path("countIncludePad").asBoolean(true)).build();
  }

  private static float f(JsonNode args, String key) {
    return (float) required(args, key).asDouble();
  }

  private static double d(JsonNode args, String key) {
    return required(args, key).asDouble();
  }

  private static int i(JsonNode args, String key) {
    return required(args, key).asInt();
  }

  private static boolean keep(JsonNode args) {
    return required(args, "keepDim").asBoolean();
  }

  private static int[] ints(JsonNode args, String key) {
    JsonNode list = required(args, key);
    int[] values = new int[list.size()];
    for (int k = 0; k < values.length; k++) values[k] = list.get(k).asInt();
    return values;
  }

  private static JsonNode required(JsonNode args, String key) {
    JsonNode v = args.get(key);
    if (v == null) throw new IllegalArgumentException("OpCatalog: fixture args " + args + " lack '" + key + "'");
    return v;
  }
}
