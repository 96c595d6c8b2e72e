package dev.jfastai.nn.optim;

import dev.jfastai.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Adam's update with PyTorch's bias correction, shared by {@link Adam} (L2 decay) and {@link AdamW} (decoupled). */
abstract class AdamBase extends AbstractOptimizer {
  private static final String STEP = "step";
  private static final String EXP_AVG = "exp_avg";
  private static final String EXP_AVG_SQ = "exp_avg_sq";
  private final boolean decoupledWeightDecay;

  AdamBase(List<ParamGroup> groups, Map<String, Double> defaults, boolean decoupledWeightDecay) {
    super(groups, defaults, Set.of(EXP_AVG, EXP_AVG_SQ), Set.of(STEP));
    this.decoupledWeightDecay = decoupledWeightDecay;
    for (ParamGroup g : paramGroups()) {
      for (String h : List.of(LR, EPS, WD)) requireNonNegative(h, g.get(h));
      for (String h : List.of(MOM, SQR_MOM)) {
        if (!(g.get(h) >= 0 && g.get(h) < 1)) {
          throw new IllegalArgumentException(getClass().getSimpleName() + ": " + h + " (a beta) must be in [0, 1), "
              + "got " + g.get(h));
        }
      }
    }
  }

  AdamBase(Options<?> o, boolean decoupledWeightDecay) {
    this(o.groups, Map.of(LR, o.lr, MOM, o.beta1, SQR_MOM, o.beta2, EPS, o.eps, WD, o.weightDecay),
        decoupledWeightDecay);
  }

  @Override
  protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group) {
    float lr = group.value(LR);
    float beta1 = group.value(MOM);
    float beta2 = group.value(SQR_MOM);
    float eps = group.value(EPS);
    float wd = weightDecay(param, group);
    if (state.isEmpty()) {
      state.put(STEP, Tensor.scalar(0f));
      state.put(EXP_AVG, Tensor.zeros(param.shape()));
      state.put(EXP_AVG_SQ, Tensor.zeros(param.shape()));
    }
    Tensor stepTensor = state.get(STEP);
    float[] s = stepTensor.array();
    double step = ++s[stepTensor.arrayOffset()];
    // Scalars in double then rounded to float once, as PyTorch computes them in Python.
    double biasCorrection1 = 1 - Math.pow(beta1, step);
    float negStepSize = (float) -(lr / biasCorrection1);
    float biasCorrection2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, step));
    float oneMinusBeta1 = (float) (1.0 - beta1);
    float oneMinusBeta2 = (float) (1.0 - beta2);
    float decay = (float) (1.0 - (double) lr * wd);
    boolean l2 = !decoupledWeightDecay && wd != 0;

    Tensor expAvg = state.get(EXP_AVG);
    Tensor expAvgSq = state.get(EXP_AVG_SQ);
    float[] p = param.array();
    float[] g = grad.array();
    float[] m = expAvg.array();
    float[] v = expAvgSq.array();
    int po = param.arrayOffset();
    int go = grad.arrayOffset();
    int mo = expAvg.arrayOffset();
    int vo = expAvgSq.arrayOffset();
    for (int i = 0, n = param.numel(); i < n; i++) {
      float pi = decoupledWeightDecay ? p[po + i] * decay : p[po + i];
      float gi = l2 ? g[go + i] + wd * pi : g[go + i];
      float mi = m[mo + i] * beta1 + oneMinusBeta1 * gi;
      float vi = v[vo + i] * beta2 + oneMinusBeta2 * gi * gi;
      m[mo + i] = mi;
      v[vo + i] = vi;
      float denom = (float) Math.sqrt(vi) / biasCorrection2Sqrt + eps;
      p[po + i] = pi + negStepSize * (mi / denom);
    }
  }

  /** {@link #update} reads the gradient's array and keeps nothing of it. */
  @Override
  protected boolean updateKeepsNoGradient() {
    return true;
  }

  /**
   * The options {@link Adam} and {@link AdamW} share, each checked when given (the message names the option and the
   * value); the defaults are the optimizer's own.
   *
   * @param <B> the concrete builder, returned by every option
   */
  abstract static class Options<B extends Options<B>> {
    private final String optimizer;
    private final List<ParamGroup> groups;
    private final double lr;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;

    Options(String optimizer, List<ParamGroup> groups, double lr, double weightDecay) {
      this.optimizer = optimizer;
      this.groups = groups;
      this.lr = lr;
      this.weightDecay = weightDecay;
    }

    abstract B self();

    /** The moving averages' coefficients, PyTorch's {@code betas} (fastai's {@code mom}, {@code sqrMom}). */
    public B betas(double beta1, double beta2) {
      if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
        throw new IllegalArgumentException(optimizer + ".builder: betas must be in [0, 1), got (" + beta1 + ", "
            + beta2 + ")");
      }
      this.beta1 = beta1;
      this.beta2 = beta2;
      return self();
    }

    /** Added to the denominator for numerical stability. */
    public B eps(double eps) {
      this.eps = AbstractOptimizer.requireOption(optimizer, "eps", eps);
      return self();
    }

    /** Weight decay ({@code wd}): L2 for Adam, decoupled for AdamW. */
    public B weightDecay(double weightDecay) {
      this.weightDecay = AbstractOptimizer.requireOption(optimizer, "weightDecay", weightDecay);
      return self();
    }
  }
}
