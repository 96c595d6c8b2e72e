package dev.jfastai.nn.optim;

import dev.jfastai.tensor.Tensor;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their gradients. Hyper-parameters live per {@link ParamGroup} under fastai's names
 * ({@link #LR}, {@link #MOM}, {@link #SQR_MOM}, {@link #EPS}, {@link #WD}, {@link #DAMPENING}) so schedulers can
 * drive them by name; Adam's {@code betas} are ({@code mom}, {@code sqrMom}). {@link #stateDict()} captures
 * everything needed to resume the exact same update sequence.
 *
 * <p>Nullability: parameters without a gradient are skipped, not an error; arguments must not be null; no method
 * returns null.
 *
 * <p>Threading: an optimizer and its state are not thread-safe. Call {@link #step()} and {@link #zeroGrad()} from the
 * training thread, after a backward pass and before the next forward, never while another thread uses the same
 * parameters.
 *
 * <p>Exceptions: an unknown hyper-parameter name throws {@link IllegalArgumentException} listing the known ones;
 * {@link #loadStateDict} throws {@link IllegalArgumentException} and changes nothing when the state does not fit.
 * No method declares checked exceptions.
 */
public interface Optimizer {
  /** Learning rate. */
  String LR = "lr";
  /** SGD momentum, or Adam's beta1 (the one fastai's one-cycle schedule cycles). */
  String MOM = "mom";
  /** Adam's beta2, the decay of the squared-gradient average. */
  String SQR_MOM = "sqrMom";
  /** Adam's epsilon, added to the denominator. */
  String EPS = "eps";
  /** Weight decay: L2 added to the gradient (SGD, Adam) or decoupled (AdamW). */
  String WD = "wd";
  /** SGD dampening of the momentum update. */
  String DAMPENING = "dampening";

  /** Applies one update to every parameter that has a gradient; parameters without one are skipped. */
  void step();

  /** Drops every parameter's gradient (sets it to null, as the chapter's {@code BasicOptim} and PyTorch 2 do). */
  void zeroGrad();

  /** The parameter groups, each with its own hyper-parameters (live objects). */
  List<ParamGroup> paramGroups();

  /** The first group's learning rate (as stored: float32). */
  double lr();

  /**
   * Sets the learning rate of every group (stored as float32): training-time state that schedulers and the learner
   * change between steps (fastai's {@code opt.set_hyper}), not a construction option, which builders take.
   */
  void setLr(double lr);

  /** The first group's value of hyper-parameter {@code name}; unknown names throw, listing the known ones. */
  double hyper(String name);

  /** Sets hyper-parameter {@code name} in every group (stored as float32), like {@link #setLr} at training time. */
  void setHyper(String name, double value);

  /**
   * Exempts {@code params} from weight decay whatever their group's {@code wd} (fastai's per-parameter
   * {@code do_wd=False}, which its Learner sets on biases and normalization weights unless {@code wd_bn_bias}).
   * Each must be one of this optimizer's parameters, else an {@link IllegalArgumentException}.
   */
  void skipWeightDecay(Collection<Tensor> params);

  /**
   * A snapshot (copies) of all state: every group's hyper-parameters as scalar tensors {@code group.<g>.<name>} and
   * every per-parameter buffer as {@code param.<i>.<name>} (i counts parameters across groups in order; e.g.
   * {@code param.3.exp_avg}, {@code param.3.step}). All float32, so it saves as one safetensors file.
   */
  Map<String, Tensor> stateDict();

  /**
   * Restores a {@link #stateDict()}: strict (missing, unexpected or mis-shaped keys throw an
   * {@link IllegalArgumentException} listing all of them) and all-or-nothing.
   */
  void loadStateDict(Map<String, Tensor> state);
}
