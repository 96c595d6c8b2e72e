package dev.jfastai.learner;

import dev.jfastai.nn.Safetensors;
import dev.jfastai.nn.SafetensorsContent;
import dev.jfastai.nn.optim.Optimizer;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.internal.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A checkpoint is three files in the learner's model folder: {@code name.safetensors} (weights, readable by
 * PyTorch), {@code name.opt.safetensors} (optimizer state) and {@code name.json} (the {@link CheckpointManifest}).
 * They are saved and loaded as one unit: {@link CheckpointFiles} commits a generation with the JSON, and a load
 * reads and checks every file before it changes the learner, which a failure leaves as it was.
 */
final class Checkpoints {
  private Checkpoints() {}

  /** Writes one safetensors part of a checkpoint to {@code file}: a seam for tests that fail like a full disk. */
  @FunctionalInterface
  interface PartWriter {
    void write(CheckpointPart part, Learner learn, Path file) throws IOException;
  }

  static final PartWriter SAFETENSORS = (part, learn, file) -> {
    switch (part) {
      case WEIGHTS -> Safetensors.save(learn.model(), file);
      case OPTIMIZER -> Safetensors.write(learn.opt().stateDict(), Map.of("format", "jfastai-optimizer"), file);
    }
  };

  static Path save(Learner learn, String name) throws IOException {
    return save(learn, name, SAFETENSORS);
  }

  static Path save(Learner learn, String name, PartWriter writer) throws IOException {
    CheckpointFiles files = new CheckpointFiles(learn.modelPath(), name);
    Files.createDirectories(files.dir());
    settleCommitted(files);
    String generation = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    Map<String, CheckpointManifest.FileEntry> entries = new LinkedHashMap<>();
    boolean committed = false;
    try {
      for (CheckpointPart part : CheckpointPart.values()) {
        if (part == CheckpointPart.OPTIMIZER && optimizer(learn) == null) continue;
        Path staged = files.staged(part, generation);
        writer.write(part, learn, staged);
        entries.put(part.key(), CheckpointFiles.entryOf(files.file(part), staged));
      }
      CheckpointManifest manifest = new CheckpointManifest(CheckpointManifest.FORMAT_VERSION, generation, entries,
          learn.epochsDone(), generatorState(learn), learn.recorder().state(), callbackStates(learn));
      AtomicFiles.writeBytes(files.json(), manifest.toJson()); // the commit point
      committed = true;
    } finally {
      if (!committed) files.deleteStaged();
    }
    for (CheckpointPart part : CheckpointPart.values()) {
      if (entries.containsKey(part.key())) AtomicFiles.publish(files.staged(part, generation), files.file(part));
      else Files.deleteIfExists(files.file(part)); // an optimizer file of an older save must not be taken for ours
    }
    return files.file(CheckpointPart.WEIGHTS);
  }

  static void load(Learner learn, String name) throws IOException {
    CheckpointFiles files = new CheckpointFiles(learn.modelPath(), name);
    CheckpointManifest manifest = Files.exists(files.json()) ? CheckpointManifest.read(files.json()) : null;
    boolean checked = manifest != null && manifest.formatVersion() == CheckpointManifest.FORMAT_VERSION;
    if (checked) files.settle(manifest.parts(), manifest.generation());
    Path weightsFile = files.file(CheckpointPart.WEIGHTS);
    if (!Files.exists(weightsFile)) {
      throw new NoSuchFileException(weightsFile.toString(), null, "no weights for checkpoint '" + name + "'");
    }
    SafetensorsContent weights = Safetensors.read(weightsFile);
    Path optFile = files.file(CheckpointPart.OPTIMIZER);
    boolean hasOpt = checked ? manifest.parts().containsKey(CheckpointPart.OPTIMIZER) : Files.exists(optFile);
    SafetensorsContent opt = hasOpt ? Safetensors.read(optFile) : null;
    LearnerSnapshot before = LearnerSnapshot.of(learn);
    try {
      apply(learn, weightsFile, weights, optFile, opt, manifest);
    } catch (RuntimeException e) {
      before.restore(learn);
      throw e;
    }
  }

  /** Everything read and checked: now the learner changes (the caller restores it if any step still throws). */
  private static void apply(Learner learn, Path weightsFile, SafetensorsContent weights, Path optFile,
                            SafetensorsContent opt, CheckpointManifest manifest) {
    try {
      learn.model().loadStateDict(weights.tensors());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(weightsFile + ": " + e.getMessage(), e);
    }
    if (opt != null) {
      Optimizer existing = optimizer(learn);
      Optimizer target = existing != null ? existing : learn.optFunc().create(learn.model().parameters(), 0f);
      try {
        target.loadStateDict(opt.tensors());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(optFile + ": " + e.getMessage(), e);
      }
      learn.setOpt(target);
    }
    if (manifest == null) return; // weights (and optimizer) only, e.g. files made by hand
    for (Callback c : learn.callbacks()) {
      if (c instanceof StatefulCallback s && manifest.callbacks().containsKey(s.stateKey())) {
        s.loadStateDict(manifest.callbacks().get(s.stateKey()));
      }
    }
    learn.recorder().restore(manifest.recorder());
    learn.setStartEpoch(manifest.epochsDone());
    learn.setEpochsDone(manifest.epochsDone());
    Generator g = trainGenerator(learn);
    if (g != null && manifest.trainGeneratorState() != null) g.setState(manifest.trainGeneratorState());
  }

  /** Before a new save: finish a committed save that was killed before its files were renamed. */
  private static void settleCommitted(CheckpointFiles files) throws IOException {
    try {
      if (Files.exists(files.json())) {
        CheckpointManifest old = CheckpointManifest.read(files.json());
        if (old.formatVersion() == CheckpointManifest.FORMAT_VERSION) {
          files.settle(old.parts(), old.generation()); // also deletes staged files of killed saves
          return;
        }
      }
    } catch (CheckpointFormatException e) {
      // the old checkpoint is damaged: this save replaces it
    }
    files.deleteStaged();
  }

  /** The data order to resume with: after a mid-epoch CancelFit, the order that unfinished epoch started with. */
  private static Long generatorState(Learner learn) {
    return learn.resumeOrderState();
  }

  /** The learner's optimizer, or null before the first fit or load. */
  static Optimizer optimizer(Learner learn) {
    return learn.opt();
  }

  /** The generator of the training data order, or null for an unshuffled loader. */
  static Generator trainGenerator(Learner learn) {
    return learn.dls().train().generator();
  }

  private static Map<String, Map<String, Object>> callbackStates(Learner learn) {
    Map<String, Map<String, Object>> states = new LinkedHashMap<>();
    for (Callback c : learn.callbacks()) {
      if (c instanceof StatefulCallback s) states.put(s.stateKey(), s.stateDict());
    }
    return states;
  }
}
