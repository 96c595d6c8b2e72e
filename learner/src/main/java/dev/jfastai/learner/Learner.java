package dev.jfastai.learner;

import dev.jfastai.data.Batch;
import dev.jfastai.data.DataLoader;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.nn.EvalMode;
import dev.jfastai.nn.LossFunction;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.optim.Optimizer;
import dev.jfastai.nn.optim.OptimizerFactory;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.NoGrad;
import dev.jfastai.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * fastai's {@code Learner}: trains {@code model} on {@code dls} with {@code optFunc} and {@code lossFunc}, firing an
 * {@link Event} to every {@link Callback} at each step of the loop. Callbacks read and change the loop's state
 * through the getters and setters here. {@link TrainEvalCallback} and {@link Recorder} are always present.
 *
 * <p>Threads: {@link #predict} and {@link #predictBatch} may be called from any number of threads at once; they
 * run the model in an {@link EvalMode} scope of their own and never change its mode. {@link #fit}, {@link #validate},
 * {@link #getPreds}, {@link #save} and {@link #load} change the loop's state and run one at a time: a call from
 * another thread waits for the running one, and predictions wait for them (a callback may still predict on the
 * fitting thread). The model itself must not be changed or run in training mode by other code meanwhile.
 */
public final class Learner {
  private final DataLoaders dls;
  private final Module model;
  private final OptimizerFactory optFunc;
  private final LossFunction lossFunc;
  private final List<Metric> metrics;
  private final CallbackList callbacks = new CallbackList();
  private final Recorder recorder = new Recorder();
  private final TypedStore store = new TypedStore();
  private final BatchSteps batchSteps;
  // Read: predictions, which share nothing but the weights. Write: everything that drives the loop's state.
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean fitting;
  private final Path path;
  private final String modelDir;
  private int noLoggingDepth;
  /** fastai's {@code wd_bn_bias}: false exempts biases and normalization weights from weight decay. */
  boolean wdBnBias;

  private Optimizer opt;
  private int epoch;
  private int nEpoch;
  private int startEpoch;
  private int epochsDone;
  private Long orderAtEpochStart; // the train generator's state when an epoch not yet done began
  private int iter;
  private int nIter;
  private int trainIter;
  private double pctTrain;
  private boolean training;
  private DataLoader dl;
  private Tensor xb;
  private Tensor yb;
  private Tensor pred;
  private Tensor loss;

  /** The chapter's {@code Learner(dls, model, opt_func, loss_func, metrics)}; saves under the working directory. */
  public Learner(DataLoaders dls, Module model, OptimizerFactory optFunc, LossFunction lossFunc, Metric... metrics) {
    this(dls, model, optFunc, lossFunc, List.of(metrics), List.of(), Path.of("."), "models", BatchSteps.LOCAL);
  }

  Learner(DataLoaders dls, Module model, OptimizerFactory optFunc, LossFunction lossFunc, List<Metric> metrics,
          List<Callback> extraCallbacks, Path path, String modelDir, BatchSteps batchSteps) {
    this.dls = Objects.requireNonNull(dls, "dls");
    this.model = Objects.requireNonNull(model, "model");
    this.optFunc = Objects.requireNonNull(optFunc, "optFunc");
    this.lossFunc = Objects.requireNonNull(lossFunc, "lossFunc");
    this.metrics = List.copyOf(metrics);
    this.path = Objects.requireNonNull(path, "path");
    this.modelDir = Objects.requireNonNull(modelDir, "modelDir");
    this.batchSteps = Objects.requireNonNull(batchSteps, "batchSteps");
    callbacks.add(new TrainEvalCallback());
    callbacks.add(recorder);
    extraCallbacks.forEach(callbacks::add);
  }

  /** A builder for everything beyond the chapter's five arguments (callbacks, path, Guice). */
  public static LearnerBuilder builder(DataLoaders dls, Module model) {
    return new LearnerBuilder(dls, model);
  }

  // ---- training -------------------------------------------------------------------------------------------

  /**
   * Trains for {@code nEpoch} epochs at learning rate {@code lr}; {@code extra} callbacks take part in this call only.
   * After {@link #load(String)} of a checkpoint saved after k epochs, continues with epoch k when {@code nEpoch > k}
   * (same schedule, same data order); otherwise it is a new fit of {@code nEpoch} epochs from the loaded weights.
   */
  public void fit(int nEpoch, double lr, Callback... extra) {
    if (nEpoch < 0) throw new IllegalArgumentException("fit: epochs must be >= 0, got " + nEpoch);
    FitLoop.requireBatches("fit", "training", dls.train());
    FitLoop.requireBatches("fit", "validation", dls.valid());
    exclusively(() -> {
      if (opt == null) opt = createOpt(lr);
      opt.setLr(lr);
      this.nEpoch = nEpoch;
      if (startEpoch >= nEpoch) startEpoch = 0; // nothing left to resume: a new fit from the loaded weights
      boolean wasFitting = fitting; // fit called from a callback of another fit
      fitting = true;
      try {
        runWith(extra, () -> FitLoop.fit(this));
      } finally {
        fitting = wasFitting;
      }
      startEpoch = 0;
      return null;
    });
  }

  /**
   * fastai's {@code fit_one_cycle}: lr warms up from lrMax/25 to lrMax over 25% of steps, then cosine-anneals to
   * lrMax/1e5, momentum cycling 0.95-0.85-0.95.
   */
  public void fitOneCycle(int nEpoch, double lrMax, Callback... extra) {
    fitOneCycle(nEpoch, OneCycle.builder(lrMax).build(), extra);
  }

  /** fastai's {@code fit_one_cycle} with its options: {@code fitOneCycle(5, OneCycle.builder(0.1).div(10).build())}. */
  public void fitOneCycle(int nEpoch, OneCycle policy, Callback... extra) {
    List<Callback> all = new ArrayList<>(List.of(extra));
    all.add(policy.scheduler());
    fit(nEpoch, policy.lrMax(), all.toArray(new Callback[0]));
  }

  /** Loss and metric values on the validation set: {@code [valid_loss, metric1, ...]}. */
  public List<Double> validate() {
    return validate(dls.valid());
  }

  /** Loss and metric values on {@code loader}. */
  public List<Double> validate(DataLoader loader) {
    FitLoop.requireBatches("validate", "given", loader);
    return exclusively(() -> {
      runWith(new Callback[0], () -> FitLoop.validate(this, loader));
      return recorder.validationValues(this);
    });
  }

  /** Predictions and targets for every batch of {@code loader}, in eval mode without gradients. */
  public Preds getPreds(DataLoader loader) {
    FitLoop.requireBatches("getPreds", "given", loader);
    return exclusively(() -> {
      PredsCollector collector = new PredsCollector();
      runWith(new Callback[] {collector}, () -> FitLoop.validate(this, loader));
      return collector.result();
    });
  }

  /** Predictions for the validation set. */
  public Preds getPreds() {
    return getPreds(dls.valid());
  }

  /** The model's output for one item (a batch dim is added, then removed), in eval mode without gradients. */
  public Tensor predict(Tensor item) {
    return predictBatch(item.unsqueeze(0)).get(0);
  }

  /**
   * The model's output for a batch, in eval mode without gradients. Safe from many threads at once: the model's
   * own mode is never changed (see {@link EvalMode}).
   */
  public Tensor predictBatch(Tensor batch) {
    lock.readLock().lock();
    try (EvalMode eval = Module.evalMode(); NoGrad noGrad = Tensor.noGrad()) {
      return model.call(batch);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * fastai's {@code no_logging}: runs {@code body} as a fit that is not a real training run (the LR finder's sweep).
   * Inside it {@link #isLogging()} is false, and the callbacks that log, plot, print progress or track the best
   * epoch sit its fits out. Scopes nest; the flag is restored however {@code body} ends.
   */
  public void noLogging(Runnable body) {
    noLoggingDepth++;
    try {
      body.run();
    } finally {
      noLoggingDepth--;
    }
  }

  /** False inside {@link #noLogging}: callbacks that log or track skip such fits. */
  public boolean isLogging() {
    return noLoggingDepth == 0;
  }

  /** Runs {@code body} holding the loop's lock: one such call at a time, and no prediction meanwhile. */
  private <T> T exclusively(Supplier<T> body) {
    lock.writeLock().lock();
    try {
      return body.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Whether a fit is running (validation then switches the model's own mode, as fastai's does). */
  boolean isFitting() {
    return fitting;
  }

  /** Runs {@code body} with extra callbacks added for its duration and {@code onError} fired on failure. */
  private void runWith(Callback[] extra, Runnable body) {
    for (Callback c : extra) callbacks.add(c);
    try {
      body.run();
    } catch (RuntimeException | Error e) {
      callbacks.fireError(this, e);
      throw e;
    } finally {
      for (Callback c : extra) callbacks.remove(c);
    }
  }

  /** What each batch computes (the local steps unless a distributed trainer set its own). */
  BatchSteps batchSteps() {
    return batchSteps;
  }

  void fire(Event event) {
    callbacks.fire(event, this);
  }

  // ---- callbacks ------------------------------------------------------------------------------------------

  public Learner addCallback(Callback callback) {
    callbacks.add(callback);
    return this;
  }

  public boolean removeCallback(Callback callback) {
    return callbacks.remove(callback);
  }

  /** All callbacks in firing order. */
  public List<Callback> callbacks() {
    return callbacks.all();
  }

  /**
   * fastai's {@code show_training_loop}: the loop's stages and events in firing order, each with the callbacks (by
   * {@link Callback#name()}, in firing order) that implement it.
   */
  public String trainingLoop() {
    return TrainingLoopView.render(callbacks.all());
  }

  /** Prints {@link #trainingLoop()} to {@code System.out}. */
  public void showTrainingLoop() {
    System.out.print(trainingLoop());
  }

  /** The first callback of a type, like fastai's {@code learn.recorder} attributes. */
  public <T> Optional<T> callback(Class<T> type) {
    return callbacks.find(type);
  }

  public Recorder recorder() {
    return recorder;
  }

  /** Typed values that callbacks share with each other. */
  public TypedStore store() {
    return store;
  }

  // ---- checkpoints ----------------------------------------------------------------------------------------

  /**
   * Saves model, optimizer and progress as {@code <path>/<modelDir>/<name>.*} as one unit: a save that fails or is
   * killed midway leaves the previous checkpoint of that name loadable. Returns the model file.
   */
  public Path save(String name) {
    return exclusively(() -> {
      try {
        return Checkpoints.save(this, name);
      } catch (IOException e) {
        throw new UncheckedIOException("save: could not write checkpoint '" + name + "' in " + modelPath() + ": "
            + e.getMessage(), e);
      }
    });
  }

  /**
   * Loads what {@link #save} wrote; a following {@code fit} continues after the saved epoch. Every file is read and
   * checked first: a missing, damaged or mismatched file throws and leaves this learner unchanged.
   */
  public Learner load(String name) {
    return exclusively(() -> {
      try {
        Checkpoints.load(this, name);
        return this;
      } catch (IOException e) {
        throw new UncheckedIOException("load: could not read checkpoint '" + name + "' from " + modelPath() + ": "
            + e.getMessage(), e);
      }
    });
  }

  /** The learner's folder ({@link LearnerBuilder#path}, the working directory by default). */
  public Path path() {
    return path;
  }

  /**
   * Whether weight decay also applies to biases and normalization weights (fastai's {@code wd_bn_bias}, false by
   * default: the optimizer is told to skip {@link Module#normAndBiasParameters()}).
   */
  public boolean wdBnBias() {
    return wdBnBias;
  }

  /** Where checkpoints go: {@code path/modelDir} ({@link LearnerBuilder#modelDir}, {@code models} by default). */
  public Path modelPath() {
    return path.resolve(modelDir);
  }

  // ---- loop state (fastai's learner attributes) -----------------------------------------------------------

  public DataLoaders dls() {
    return dls;
  }

  public Module model() {
    return model;
  }

  public LossFunction lossFunc() {
    return lossFunc;
  }

  public List<Metric> metrics() {
    return metrics;
  }

  /** The optimizer, created by the first fit (or a {@link #load}); throws before, see {@link #hasOpt()}. */
  public Optimizer opt() {
    return require(opt, "opt()", "the first fit (or load) creates it");
  }

  /** Whether {@link #opt()} exists yet. */
  public boolean hasOpt() {
    return opt != null;
  }

  /** A new optimizer from {@code optFunc}, with biases and norm weights exempt from weight decay unless wdBnBias. */
  Optimizer createOpt(double lr) {
    Optimizer created = optFunc.create(model.parameters(), lr);
    if (!wdBnBias) created.skipWeightDecay(model.normAndBiasParameters());
    return created;
  }

  void setOpt(Optimizer opt) {
    this.opt = opt;
  }

  public OptimizerFactory optFunc() {
    return optFunc;
  }

  public int epoch() {
    return epoch;
  }

  void setEpoch(int epoch) {
    this.epoch = epoch;
  }

  public int nEpoch() {
    return nEpoch;
  }

  /** The first epoch the current fit runs (non-zero when resuming from a checkpoint). */
  public int startEpoch() {
    return startEpoch;
  }

  /** Forgets a loaded checkpoint's progress: the next fit starts at epoch 0 (the weights stay). */
  public void resetProgress() {
    this.startEpoch = 0;
  }

  void setStartEpoch(int startEpoch) {
    this.startEpoch = startEpoch;
  }

  /** Epochs completed so far (what a checkpoint records; the next fit after loading starts here). */
  public int epochsDone() {
    return epochsDone;
  }

  void setEpochsDone(int epochsDone) {
    this.epochsDone = epochsDone;
    this.orderAtEpochStart = null;
  }

  /** An epoch begins: until it is done, a checkpoint records the data order it started from, to train it again. */
  void markEpochStart() {
    Generator g = dls.train().generator().orElse(null);
    orderAtEpochStart = g == null ? null : g.state();
  }

  /**
   * The training order's generator state a resume should start from: the state at the start of an epoch left
   * unfinished (its order is drawn already), else the live state; null when the training data is not shuffled.
   */
  Long resumeOrderState() {
    Generator g = dls.train().generator().orElse(null);
    if (g == null) return null;
    return orderAtEpochStart != null ? orderAtEpochStart : g.state();
  }

  public int iter() {
    return iter;
  }

  public int nIter() {
    return nIter;
  }

  void setIter(int iter, int nIter) {
    this.iter = iter;
    this.nIter = nIter;
  }

  /** Training batches done in this fit, counted across epochs. */
  public int trainIter() {
    return trainIter;
  }

  /** Fraction of this fit's training done, 0 to 1: what schedulers follow. */
  public double pctTrain() {
    return pctTrain;
  }

  void setTrainProgress(int trainIter, double pctTrain) {
    this.trainIter = trainIter;
    this.pctTrain = pctTrain;
  }

  public boolean isTraining() {
    return training;
  }

  void setTraining(boolean training) {
    this.training = training;
  }

  /** The loader being iterated now; throws outside training and validation. */
  public DataLoader dl() {
    return require(dl, "dl()", "it is set from beforeTrain to afterTrain and from beforeValidate to afterValidate");
  }

  void setDl(DataLoader dl) {
    this.dl = dl;
  }

  /** The current batch's input; throws outside a batch (available from beforeBatch to afterBatch). */
  public Tensor xb() {
    return require(xb, "xb()", "available from beforeBatch to afterBatch");
  }

  /**
   * Replaces the current batch's input, fastai's {@code learn.xb = ...} from a callback (loop state, not a setting:
   * the next batch replaces it again); must not be null.
   */
  public void setXb(Tensor xb) {
    this.xb = Objects.requireNonNull(xb, "setXb: xb");
  }

  /** The current batch's target; throws outside a batch (available from beforeBatch to afterBatch). */
  public Tensor yb() {
    return require(yb, "yb()", "available from beforeBatch to afterBatch");
  }

  /** Replaces the current batch's target, fastai's {@code learn.yb = ...} from a callback; must not be null. */
  public void setYb(Tensor yb) {
    this.yb = Objects.requireNonNull(yb, "setYb: yb");
  }

  /** Rows in the current batch. */
  public int batchSize() {
    return yb != null && yb.dim() > 0 ? yb.size(0) : xb.size(0);
  }

  /** The model's output for the current batch; throws before afterPred (see {@link #hasPred()}). */
  public Tensor pred() {
    return require(pred, "pred()", "available from afterPred to afterBatch");
  }

  /** Whether the current batch has a {@link #pred()} (false outside a batch or when it was cancelled earlier). */
  public boolean hasPred() {
    return pred != null;
  }

  /** Replaces the current batch's prediction, fastai's {@code learn.pred = ...} from a callback (e.g. afterPred). */
  public void setPred(Tensor pred) {
    this.pred = Objects.requireNonNull(pred, "setPred: pred");
  }

  /** The current batch's loss; throws before afterLoss (see {@link #hasLoss()}). */
  public Tensor loss() {
    return require(loss, "loss()", "available from afterLoss to afterBatch");
  }

  /** Whether the current batch has a {@link #loss()} (false outside a batch or when it was cancelled earlier). */
  public boolean hasLoss() {
    return loss != null;
  }

  /** Replaces the current batch's loss, fastai's {@code learn.loss = ...} from a callback (e.g. afterLoss). */
  public void setLoss(Tensor loss) {
    this.loss = Objects.requireNonNull(loss, "setLoss: loss");
  }

  void setBatch(Batch batch) {
    this.xb = batch.x();
    this.yb = batch.y();
    this.pred = null;
    this.loss = null;
  }

  void clearBatch() {
    this.xb = null;
    this.yb = null;
    this.pred = null;
    this.loss = null;
  }

  private static <T> T require(T value, String getter, String when) {
    if (value == null) throw new IllegalStateException("Learner." + getter + " is not available now: " + when);
    return value;
  }
}
