package dev.jfastai.learner;

/** The safetensors files of a checkpoint, by the key the manifest lists them under. */
enum CheckpointPart {
  WEIGHTS("weights", ".safetensors"),
  OPTIMIZER("optimizer", ".opt.safetensors");

  private final String key;
  private final String suffix;

  CheckpointPart(String key, String suffix) {
    this.key = key;
    this.suffix = suffix;
  }

  String key() {
    return key;
  }

  String suffix() {
    return suffix;
  }
}
