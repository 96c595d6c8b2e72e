package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.LrFinderCallback;
import dev.jfastai.learner.Learner;
import dev.jfastai.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * fastai's {@code lr_find}: a mock training whose learning rate grows exponentially batch by batch, recording the
 * smoothed loss, then everything is put back as it was: weights, optimizer state, the Recorder's history, the
 * epoch count, the data order and every stateful callback (through a temporary checkpoint). Loggers and trackers
 * in this module sit the sweep out (it runs in {@link Learner#noLogging}); a CSV log is neither reopened nor
 * truncated.
 */
public final class LRFinder {
  private static final String TMP_CHECKPOINT = "_lr_find_tmp";

  private final double startLr;
  private final double endLr;
  private final int numIt;
  private final boolean stopDiv;

  private LRFinder(Builder b) {
    if (!(b.startLr > 0) || !(b.endLr > b.startLr)) {
      throw new IllegalArgumentException("lrFind: need 0 < startLr < endLr, got startLr=" + b.startLr + ", endLr="
          + b.endLr);
    }
    this.startLr = b.startLr;
    this.endLr = b.endLr;
    this.numIt = Math.max(b.numIt, 6); // as fastai: fewer points give no suggestion
    this.stopDiv = b.stopDiv;
  }

  /** The sweep with fastai's defaults: 1e-7 to 10 over 100 batches, stopping on divergence. */
  public static LRFindResult lrFind(Learner learn) {
    return builder().build().run(learn);
  }

  /** Options: {@code LRFinder.builder().endLr(1).numIt(50).build().run(learn)}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The lr of training batch {@code i}: {@code startLr * (endLr/startLr)^(i/numIt)}. */
  public double lrAt(int i) {
    return startLr * Math.pow(endLr / startLr, (double) i / numIt);
  }

  /** Runs the sweep on {@code learn} inside {@link Learner#noLogging}, then puts everything back. */
  public LRFindResult run(Learner learn) {
    if (!learn.isLogging()) {
      throw new IllegalStateException("lrFind: cannot run inside a no-logging fit (is an LR finder already running?)");
    }
    int startEpoch = learn.startEpoch();
    Map<String, Tensor> optState = learn.hasOpt() ? learn.opt().stateDict() : null;
    Path modelDir = learn.modelPath();
    boolean madeModelDir = !Files.isDirectory(modelDir);
    learn.save(TMP_CHECKPOINT);
    LrFinderCallback sweep = new LrFinderCallback(this::lrAt, numIt, stopDiv);
    learn.noLogging(() -> {
      try {
        int epochs = numIt / Math.max(learn.dls().train().size(), 1) + 1;
        learn.fit(startEpoch + epochs, startLr, sweep); // a resumed learner's fit starts at startEpoch
      } finally {
        try {
          learn.load(TMP_CHECKPOINT);
          Map<String, Tensor> before = optState != null ? optState : sweep.initialOptState();
          if (before != null) learn.opt().loadStateDict(before);
          if (learn.startEpoch() != startEpoch) rewindStartEpoch(learn);
        } finally {
          deleteCheckpoint(modelDir, madeModelDir);
        }
      }
    });
    return LRFindResult.of(sweep.lrs(), sweep.losses(), numIt);
  }

  /**
   * Loading the checkpoint marks the learner as resuming after its saved epochs; a learner that had finished its
   * fit (start epoch 0) must start its next fit from scratch again.
   */
  private static void rewindStartEpoch(Learner learn) {
    learn.resetProgress();
  }

  private static void deleteCheckpoint(Path modelDir, boolean madeModelDir) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(modelDir, TMP_CHECKPOINT + ".*")) {
      for (Path f : files) Files.deleteIfExists(f);
      if (madeModelDir) {
        try (DirectoryStream<Path> rest = Files.newDirectoryStream(modelDir)) {
          if (!rest.iterator().hasNext()) Files.delete(modelDir);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("lrFind: cannot remove its temporary checkpoint in " + modelDir, e);
    }
  }

  /**
   * Configures an {@link LRFinder} (fastai's defaults): the lr sweeps exponentially from {@code startLr} (1e-7) to
   * {@code endLr} (10) over {@code numIt} (100, at least 6) training batches; {@code stopDiv} stops early once the
   * smoothed loss exceeds 4 times its best.
   */
  public static final class Builder {
    private double startLr = 1e-7;
    private double endLr = 10;
    private int numIt = 100;
    private boolean stopDiv = true;

    private Builder() {}

    public Builder startLr(double startLr) {
      this.startLr = startLr;
      return this;
    }

    public Builder endLr(double endLr) {
      this.endLr = endLr;
      return this;
    }

    public Builder numIt(int numIt) {
      this.numIt = numIt;
      return this;
    }

    public Builder stopDiv(boolean stopDiv) {
      this.stopDiv = stopDiv;
      return this;
    }

    public LRFinder build() {
      return new LRFinder(this);
    }
  }
}
