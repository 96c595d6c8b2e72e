package dev.jfastai.callbacks;

import dev.jfastai.callbacks.internal.BestWeights;
import dev.jfastai.learner.Learner;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * fastai's {@code SaveModelCallback} (a {@link TrackerCallback}, order 61): saves a checkpoint with
 * {@link Learner#save} (atomic files in {@code learn.modelPath()}) whenever the monitored value improves, or after
 * every epoch; with {@code atEnd} the best weights are loaded back into the model when the fit ends (weights only:
 * the learner's progress is not rewound). Its best value is saved in checkpoints, so a resumed fit only saves real
 * improvements. {@code SaveModelCallback.builder().monitor("accuracy").fileName("best").build()}.
 */
public final class SaveModelCallback extends TrackerCallback {
  private final boolean everyEpoch;
  private final String fileName;
  private final boolean atEnd;
  private String bestFile;

  /** fastai's defaults: best {@code valid_loss} to {@code model}, reloaded at the end. */
  public SaveModelCallback() {
    this(builder());
  }

  private SaveModelCallback(Builder b) {
    super(b);
    this.everyEpoch = b.everyEpoch;
    this.fileName = b.fileName;
    this.atEnd = b.atEnd;
  }

  /** Options beyond the defaults, e.g. {@code builder().monitor("accuracy").everyEpoch(true).build()}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public int order() {
    return 61;
  }

  @Override
  public void beforeFit(Learner learn) {
    super.beforeFit(learn);
    if (isRunning() && learn.startEpoch() == 0) bestFile = null;
  }

  @Override
  public void afterEpoch(Learner learn) {
    if (!isRunning()) return;
    super.afterEpoch(learn);
    if (everyEpoch) {
      learn.save(fileName + "_" + learn.epoch());
      return;
    }
    if (!isNewBest()) return;
    say("Better model found at epoch " + learn.epoch() + " with " + monitor().name() + " value: "
        + best().orElseThrow() + ".");
    bestFile = learn.save(fileName).toAbsolutePath().toString();
  }

  @Override
  public void afterFit(Learner learn) {
    boolean wasRunning = isRunning();
    super.afterFit(learn);
    if (!wasRunning || everyEpoch || !atEnd || bestFile == null) return;
    BestWeights.loadFile(learn.model(), Path.of(bestFile));
  }

  @Override
  public Map<String, Object> stateDict() {
    Map<String, Object> state = super.stateDict();
    if (bestFile != null) state.put("bestFile", bestFile);
    return state;
  }

  @Override
  public void loadStateDict(Map<String, Object> state) {
    super.loadStateDict(state);
    Object file = state.get("bestFile");
    bestFile = file == null ? null : file.toString();
  }

  /** Configures a {@link SaveModelCallback}. */
  public static final class Builder extends TrackerCallback.Builder<Builder> {
    private boolean everyEpoch;
    private String fileName = "model";
    private boolean atEnd = true;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /** Saves {@code <fileName>_<epoch>} after every epoch instead of {@code <fileName>} on improvements. */
    public Builder everyEpoch(boolean everyEpoch) {
      this.everyEpoch = everyEpoch;
      return this;
    }

    /** The checkpoint's name in the learner's model folder (default {@code model}). */
    public Builder fileName(String fileName) {
      Objects.requireNonNull(fileName, "fileName");
      if (fileName.isBlank()) throw new IllegalArgumentException("SaveModel: fileName must not be blank");
      this.fileName = fileName;
      return this;
    }

    /** Whether the best weights are loaded back when the fit ends (default true). */
    public Builder atEnd(boolean atEnd) {
      this.atEnd = atEnd;
      return this;
    }

    public SaveModelCallback build() {
      return new SaveModelCallback(this);
    }
  }
}
