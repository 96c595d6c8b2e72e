package dev.jfastai.nn.optim;

import dev.jfastai.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stochastic gradient descent with PyTorch's semantics: L2 weight decay added to the gradient, momentum buffer
 * {@code buf = mom * buf + (1 - dampening) * grad} (the first step takes the gradient as is), optional Nesterov.
 * Hyper-parameters {@code lr}, {@code mom}, {@code dampening}, {@code wd}; state {@code momentum_buffer} (only
 * while {@code mom != 0}). Nesterov is fixed at construction. {@code new SGD(params, lr)} is plain SGD; the options
 * come from {@link #builder}.
 */
public final class SGD extends AbstractOptimizer {
  private static final String BUFFER = "momentum_buffer";
  private final boolean nesterov;

  /** Plain SGD, {@code p -= lr * grad}; momentum, weight decay and Nesterov come from {@link #builder}. */
  public SGD(List<Tensor> params, double lr) {
    this(builder(params, lr));
  }

  /** SGD with options by name: {@code SGD.builder(params, 0.1).momentum(0.9).nesterov(true).build()}. */
  public static Builder builder(List<Tensor> params, double lr) {
    return new Builder(List.of(new ParamGroup(params)), lr);
  }

  /** SGD over several groups; each group's own hyper-parameters override the builder's values. */
  public static Builder builderForGroups(List<ParamGroup> groups, double lr) {
    return new Builder(groups, lr);
  }

  private SGD(Builder b) {
    super(b.groups, defaults(b.lr, b.momentum, b.dampening, b.weightDecay), Set.of(BUFFER), Set.of());
    this.nesterov = b.nesterov;
    for (ParamGroup g : paramGroups()) {
      for (String h : List.of(LR, MOM, DAMPENING, WD)) requireNonNegative(h, g.get(h));
      if (nesterov && (g.get(MOM) <= 0 || g.get(DAMPENING) != 0)) {
        throw new IllegalArgumentException("SGD: Nesterov momentum requires momentum > 0 and dampening 0, got "
            + "momentum=" + g.get(MOM) + ", dampening=" + g.get(DAMPENING));
      }
    }
  }

  private static Map<String, Double> defaults(double lr, double mom, double dampening, double wd) {
    return Map.of(LR, lr, MOM, mom, DAMPENING, dampening, WD, wd);
  }

  public boolean nesterov() {
    return nesterov;
  }

  @Override
  protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group) {
    float negLr = -group.value(LR);
    float mom = group.value(MOM);
    float wd = weightDecay(param, group);
    float keep = (float) (1.0 - group.value(DAMPENING));
    float[] p = param.array();
    float[] g = grad.array();
    int po = param.arrayOffset();
    int go = grad.arrayOffset();
    int n = param.numel();
    if (mom == 0) {
      for (int i = 0; i < n; i++) {
        float d = wd != 0 ? g[go + i] + wd * p[po + i] : g[go + i];
        p[po + i] += negLr * d;
      }
      return;
    }
    Tensor buffer = state.get(BUFFER);
    boolean first = buffer == null;
    if (first) {
      buffer = Tensor.zeros(param.shape());
      state.put(BUFFER, buffer);
    }
    float[] b = buffer.array();
    int bo = buffer.arrayOffset();
    for (int i = 0; i < n; i++) {
      float d = wd != 0 ? g[go + i] + wd * p[po + i] : g[go + i];
      float m = first ? d : b[bo + i] * mom + keep * d;
      b[bo + i] = m;
      d = nesterov ? d + mom * m : m;
      p[po + i] += negLr * d;
    }
  }

  /** {@link #update} reads the gradient's array and keeps nothing of it. */
  @Override
  protected boolean updateKeepsNoGradient() {
    return true;
  }

  /**
   * Configures an {@link SGD}: PyTorch's defaults, no momentum, dampening or weight decay and no Nesterov, unless
   * given. Each option rejects a negative or NaN value naming it.
   */
  public static final class Builder {
    private final List<ParamGroup> groups;
    private final double lr;
    private double momentum;
    private double dampening;
    private double weightDecay;
    private boolean nesterov;

    private Builder(List<ParamGroup> groups, double lr) {
      this.groups = groups;
      this.lr = lr;
    }

    /** Momentum ({@code mom}): {@code buf = momentum * buf + (1 - dampening) * grad}. */
    public Builder momentum(double momentum) {
      this.momentum = requireOption("SGD", "momentum", momentum);
      return this;
    }

    /** Dampening of the momentum buffer's new gradient. */
    public Builder dampening(double dampening) {
      this.dampening = requireOption("SGD", "dampening", dampening);
      return this;
    }

    /** L2 weight decay ({@code wd}), added to the gradient. */
    public Builder weightDecay(double weightDecay) {
      this.weightDecay = requireOption("SGD", "weightDecay", weightDecay);
      return this;
    }

    /** Nesterov momentum (needs {@code momentum > 0} and dampening 0). */
    public Builder nesterov(boolean nesterov) {
      this.nesterov = nesterov;
      return this;
    }

    public SGD build() {
      return new SGD(this);
    }
  }
}
