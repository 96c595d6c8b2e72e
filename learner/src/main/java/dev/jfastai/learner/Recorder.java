package dev.jfastai.learner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Always present (order 50): records every training batch's loss, smoothed loss and learning rate, and one
 * {@link EpochRecord} per epoch (train loss, valid loss, each metric, time). Metrics run on the validation set.
 */
public final class Recorder implements Callback {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AvgSmoothLoss smoothLoss = new AvgSmoothLoss();
  private final AvgLoss trainLoss = new AvgLoss();
  private final AvgLoss validLoss = new AvgLoss();
  private final List<Double> losses = new ArrayList<>();
  private final List<Double> smoothLosses = new ArrayList<>();
  private final List<Double> lrs = new ArrayList<>();
  private final List<EpochRecord> epochs = new ArrayList<>();
  private long epochStart;
  // Whether this epoch's training / validation ran to its after event and was not cancelled: the values of a
  // phase that did not are NaN in the epoch's row, never those of an earlier epoch.
  private boolean trainComplete;
  private boolean validComplete;
  private boolean trainCancelled;
  private boolean validCancelled;

  @Override
  public int order() {
    return 50;
  }

  @Override
  public void beforeFit(Learner learn) {
    if (learn.startEpoch() > 0) return; // resuming: keep the history
    smoothLoss.reset();
    losses.clear();
    smoothLosses.clear();
    lrs.clear();
    epochs.clear();
  }

  @Override
  public void beforeEpoch(Learner learn) {
    epochStart = System.nanoTime();
    trainComplete = false;
    validComplete = false;
    trainCancelled = false;
    validCancelled = false;
  }

  @Override
  public void beforeTrain(Learner learn) {
    trainLoss.reset();
  }

  @Override
  public void beforeValidate(Learner learn) {
    validLoss.reset();
    for (Metric m : learn.metrics()) m.reset();
  }

  @Override
  public void afterBatch(Learner learn) {
    if (!learn.hasLoss()) return;
    if (!learn.isTraining()) {
      validLoss.accumulate(learn);
      for (Metric m : learn.metrics()) m.accumulate(learn);
      return;
    }
    double loss = learn.loss().mean().item();
    smoothLoss.add(loss);
    trainLoss.accumulate(learn);
    losses.add(loss);
    smoothLosses.add(smoothLoss.value().orElseThrow());
    lrs.add(learn.opt().lr());
  }

  @Override
  public void afterTrain(Learner learn) {
    trainComplete = !trainCancelled;
  }

  @Override
  public void afterValidate(Learner learn) {
    validComplete = !validCancelled;
  }

  @Override
  public void afterCancelTrain(Learner learn) {
    trainCancelled = true;
  }

  @Override
  public void afterCancelValidate(Learner learn) {
    validCancelled = true;
  }

  @Override
  public void afterEpoch(Learner learn) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (Metric m : learn.metrics()) metrics.put(m.name(), cell(validComplete, m));
    epochs.add(new EpochRecord(learn.epoch(), cell(trainComplete, smoothLoss), cell(trainComplete, trainLoss),
        cell(validComplete, validLoss),
        metrics, (System.nanoTime() - epochStart) / 1e9));
  }

  /** Runs validation's bookkeeping only (used by {@link Learner#validate()}): the valid loss and metric values. */
  List<Double> validationValues(Learner learn) {
    List<Double> values = new ArrayList<>();
    values.add(cell(true, validLoss));
    for (Metric m : learn.metrics()) values.add(cell(true, m));
    return values;
  }

  /** A table cell: the metric's value, NaN (printed {@code nan}) for a phase that did not run or measured nothing. */
  private static double cell(boolean phaseComplete, Metric m) {
    return phaseComplete ? m.value().orElse(Double.NaN) : Double.NaN;
  }

  /** One record per completed epoch, oldest first. */
  public List<EpochRecord> epochs() {
    return Collections.unmodifiableList(epochs);
  }

  /** The last epoch's record; empty before the first epoch ends. */
  public Optional<EpochRecord> lastEpoch() {
    return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
  }

  /** Raw loss of every training batch. */
  public List<Double> losses() {
    return Collections.unmodifiableList(losses);
  }

  /** Smoothed loss after every training batch (what fastai plots). */
  public List<Double> smoothLosses() {
    return Collections.unmodifiableList(smoothLosses);
  }

  /** Learning rate of every training batch. */
  public List<Double> lrs() {
    return Collections.unmodifiableList(lrs);
  }

  /** The current smoothed training loss; empty before the first training batch of the fit. */
  public OptionalDouble smoothLoss() {
    return smoothLoss.value();
  }

  /** The column names of an epoch row: epoch, train_loss, valid_loss, each metric, time. */
  public List<String> metricNames(Learner learn) {
    List<String> names = new ArrayList<>(List.of("epoch", "train_loss", "valid_loss"));
    for (Metric m : learn.metrics()) names.add(m.name());
    names.add("time");
    return names;
  }

  /**
   * Everything recorded, as JSON: {@code epochs} (one object per epoch), {@code losses}, {@code smoothLosses}, {@code
   * lrs}.
   */
  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Recorder.toJson: " + e.getMessage(), e);
    }
  }

  RecorderState state() {
    return new RecorderState(new ArrayList<>(epochs), new ArrayList<>(losses), new ArrayList<>(smoothLosses),
        new ArrayList<>(lrs), smoothLoss.rawValue(), smoothLoss.count());
  }

  void restore(RecorderState state) {
    epochs.clear();
    epochs.addAll(state.epochs());
    losses.clear();
    losses.addAll(state.losses());
    smoothLosses.clear();
    smoothLosses.addAll(state.smoothLosses());
    lrs.clear();
    lrs.addAll(state.lrs());
    smoothLoss.restore(state.smoothRaw(), state.smoothCount());
  }
}
