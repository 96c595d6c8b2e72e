package dev.jfastai.learner;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jfastai.nn.Safetensors;
import dev.jfastai.tensor.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checkpoint is three files in the learner's model folder: {@code name.safetensors} (weights),
 * {@code name.opt.safetensors} (optimizer state) and {@code name.json} (progress: epochs done, the training data
 * order's generator, the recorder, and every {@link StatefulCallback}'s state). Each is written atomically, the JSON
 * last, so a checkpoint with its JSON present is complete.
 */
final class Checkpoints {
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Checkpoints() {}

  /** What {@code name.json} holds. */
  record Progress(int formatVersion, int epochsDone, Long trainGeneratorState, RecorderState recorder,
                  Map<String, Map<String, Object>> callbacks) {}

  static Path save(Learner learn, String name) throws IOException {
    Path dir = learn.modelPath();
    Files.createDirectories(dir);
    Path weights = dir.resolve(name + ".safetensors");
    Safetensors.save(learn.model(), weights);
    if (learn.opt() != null) {
      Safetensors.write(learn.opt().stateDict(), Map.of("format", "jfastai-optimizer"), dir.resolve(name
          + ".opt.safetensors"));
    }
    Generator g = learn.dls().train().generator();
    Map<String, Map<String, Object>> states = new LinkedHashMap<>();
    for (Callback c : learn.callbacks()) {
      if (c instanceof StatefulCallback s) states.put(s.stateKey(), s.stateDict());
    }
    Progress progress = new Progress(FORMAT_VERSION, learn.epochsDone(), g == null ? null : g.state(),
        learn.recorder().state(), states);
    writeAtomically(dir.resolve(name + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(progress));
    return weights;
  }

  static void load(Learner learn, String name) throws IOException {
    Path dir = learn.modelPath();
    Path json = dir.resolve(name + ".json");
    Path weights = dir.resolve(name + ".safetensors");
    if (!Files.exists(weights)) throw new NoSuchFileException(weights.toString(), null, "no weights for checkpoint '"
        + name + "'");
    Progress progress = Files.exists(json) ? JSON.readValue(json.toFile(), new TypeReference<Progress>() {}) : null;
    if (progress != null && progress.formatVersion() != FORMAT_VERSION) {
      throw new IOException(json + ": checkpoint format " + progress.formatVersion() + " is not supported (expected "
          + FORMAT_VERSION + ")");
    }
    Safetensors.load(learn.model(), weights);
    Path optFile = dir.resolve(name + ".opt.safetensors");
    if (Files.exists(optFile)) {
      if (learn.opt() == null) learn.setOpt(learn.createOpt(0f));
      learn.opt().loadStateDict(Safetensors.read(optFile).tensors());
    }
    if (progress == null) return; // weights (and optimizer) only, e.g. files made by hand
    learn.setStartEpoch(progress.epochsDone());
    learn.setEpochsDone(progress.epochsDone());
    Generator g = learn.dls().train().generator();
    if (g != null && progress.trainGeneratorState() != null) g.setState(progress.trainGeneratorState());
    if (progress.recorder() != null) learn.recorder().restore(progress.recorder());
    for (Callback c : learn.callbacks()) {
      if (c instanceof StatefulCallback s && progress.callbacks().containsKey(s.stateKey())) {
        s.loadStateDict(progress.callbacks().get(s.stateKey()));
      }
    }
  }

  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
