package dev.jfastai.nn.optim;

import dev.jfastai.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stochastic gradient descent with PyTorch's semantics: L2 weight decay added to the gradient, momentum buffer
 * {@code buf = mom * buf + (1 - dampening) * grad} (the first step takes the gradient as is), optional Nesterov.
 * Hyper-parameters {@code lr}, {@code mom}, {@code dampening}, {@code wd}; state {@code momentum_buffer} (only
 * while {@code mom != 0}). Nesterov is fixed at construction.
 */
public final class SGD extends AbstractOptimizer {
  private static final String BUFFER = "momentum_buffer";
  private final boolean nesterov;

  /** Plain SGD: {@code p -= lr * grad}. */
  public SGD(List<Tensor> params, double lr) {
    this(params, lr, 0, 0, 0, false);
  }

  public SGD(List<Tensor> params, double lr, double mom, double dampening, double wd, boolean nesterov) {
    this(List.of(new ParamGroup(params)), defaults(lr, mom, dampening, wd), nesterov);
  }

  /** SGD over several groups; each group's own hyper-parameters override the values given here. */
  public static SGD withGroups(List<ParamGroup> groups, double lr, double mom, double dampening, double wd,
      boolean nesterov) {
    return new SGD(groups, defaults(lr, mom, dampening, wd), nesterov);
  }

  /** Options by name instead of position: {@code SGD.builder(params, 0.1).mom(0.9).nesterov(true).build()}. */
  public static Builder builder(List<Tensor> params, double lr) {
    return new Builder(params, lr);
  }

  private SGD(List<ParamGroup> groups, Map<String, Double> defaults, boolean nesterov) {
    super(groups, defaults, Set.of(BUFFER), Set.of());
    this.nesterov = nesterov;
    for (ParamGroup g : paramGroups()) {
      for (String h : List.of(LR, MOM, DAMPENING, WD)) requireNonNegative(h, g.get(h));
      if (nesterov && (g.get(MOM) <= 0 || g.get(DAMPENING) != 0)) {
        throw new IllegalArgumentException("SGD: Nesterov momentum requires mom > 0 and dampening 0, got mom="
            + g.get(MOM) + ", dampening=" + g.get(DAMPENING));
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

  /** Configures an {@link SGD}: no momentum, dampening or weight decay, and no Nesterov, unless given. */
  public static final class Builder {
    private final List<Tensor> params;
    private final double lr;
    private double mom;
    private double dampening;
    private double wd;
    private boolean nesterov;

    private Builder(List<Tensor> params, double lr) {
      this.params = params;
      this.lr = lr;
    }

    public Builder mom(double mom) {
      this.mom = mom;
      return this;
    }

    public Builder dampening(double dampening) {
      this.dampening = dampening;
      return this;
    }

    /** L2 weight decay, added to the gradient. */
    public Builder wd(double wd) {
      this.wd = wd;
      return this;
    }

    /** Nesterov momentum (needs {@code mom > 0} and dampening 0). */
    public Builder nesterov(boolean nesterov) {
      this.nesterov = nesterov;
      return this;
    }

    public SGD build() {
      return new SGD(params, lr, mom, dampening, wd, nesterov);
    }
  }
}
