package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.FinderFlag;
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
 * in this module sit the sweep out ({@link #isRunning}); a CSV log is neither reopened nor truncated.
 */
public final class LRFinder {
  private static final String TMP_CHECKPOINT = "_lr_find_tmp";

  private LRFinder() {}

  /** The sweep with fastai's defaults: 1e-7 to 10 over 100 batches, stopping on divergence. */
  public static LRFindResult lrFind(Learner learn) {
    return lrFind(learn, new LRFindOptions());
  }

  public static LRFindResult lrFind(Learner learn, LRFindOptions options) {
    if (isRunning(learn)) throw new IllegalStateException("lrFind: an LR finder is already running on this learner");
    int startEpoch = learn.startEpoch();
    Map<String, Tensor> optState = learn.hasOpt() ? learn.opt().stateDict() : null;
    Path modelDir = learn.modelPath();
    boolean madeModelDir = !Files.isDirectory(modelDir);
    learn.save(TMP_CHECKPOINT);
    LrFinderCallback sweep = new LrFinderCallback(options::lrAt, options.numIt(), options.stopDiv());
    FinderFlag.set(learn, true);
    try {
      int epochs = options.numIt() / Math.max(learn.dls().train().size(), 1) + 1;
      learn.fit(startEpoch + epochs, options.startLr(), sweep); // a resumed learner's fit starts at startEpoch
    } finally {
      try {
        learn.load(TMP_CHECKPOINT);
        Map<String, Tensor> before = optState != null ? optState : sweep.initialOptState();
        if (before != null) learn.opt().loadStateDict(before);
        if (learn.startEpoch() != startEpoch) rewindStartEpoch(learn);
      } finally {
        FinderFlag.set(learn, false);
        deleteCheckpoint(modelDir, madeModelDir);
      }
    }
    return LRFindResult.of(sweep.lrs(), sweep.losses(), options.numIt());
  }

  /** Whether an LR finder is sweeping on {@code learn} now; callbacks that log or track should skip that fit. */
  public static boolean isRunning(Learner learn) {
    return FinderFlag.isRunning(learn);
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
}
