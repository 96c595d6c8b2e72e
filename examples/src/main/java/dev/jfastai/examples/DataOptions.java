package dev.jfastai.examples;

import dev.jfastai.data.UntarData;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command finds its dataset: an extracted folder, an archive file, or else fastai's download cache. */
final class DataOptions {
  @Option(names = "--data", paramLabel = "DIR", description = "Use this extracted dataset folder as it is.")
  Path data;

  @Option(names = "--archive", paramLabel = "FILE",
      description = "Extract this archive (e.g. a downloaded .tgz) into the cache and use it; nothing is downloaded.")
  Path archive;

  /**
   * The dataset folder: {@code --data}, else {@code --archive} extracted into the cache, else
   * {@code untarData(url)} (downloads into {@code $FASTAI_HOME}, default {@code ~/.fastai}, unless cached).
   */
  Path resolve(String url, boolean quiet) {
    if (data != null && archive != null) {
      throw new IllegalArgumentException("Give either --data or --archive, not both");
    }
    if (data != null) {
      if (!Files.isDirectory(data)) throw new IllegalArgumentException("--data " + data + " is not a folder");
      return data;
    }
    UntarData cache = UntarData.builder().quiet(quiet).build();
    if (archive != null) {
      if (!Files.isRegularFile(archive)) throw new IllegalArgumentException("--archive " + archive + " is not a file");
      return cache.extract(archive);
    }
    return cache.untar(url);
  }
}
