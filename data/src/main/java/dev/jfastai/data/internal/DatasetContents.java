package dev.jfastai.data.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a known dataset's folder must hold for its loader: required files, and folders with their exact number of
 * files. An extraction is published only when its folder passes, and a cached folder that fails is extracted again,
 * so a partial folder (from an interrupted or cut archive) is never used as the dataset.
 */
public record DatasetContents(List<String> files, Map<String, Integer> folders) {
  /** Folders are kept in name order, so reports list them predictably. */
  public DatasetContents {
    files = List.copyOf(files);
    folders = Collections.unmodifiableMap(new TreeMap<>(folders));
  }

  private static final Map<String, DatasetContents> KNOWN = Map.of(
      "https://s3.amazonaws.com/fast-ai-sample/mnist_sample.tgz",
      new DatasetContents(List.of("labels.csv"), folders("train/3", 6131, "train/7", 6265, "valid/3", 1010,
          "valid/7", 1028)),
      "https://s3.amazonaws.com/fast-ai-imageclas/mnist_png.tgz",
      new DatasetContents(List.of(), folders("training/0", 5923, "training/1", 6742, "training/2", 5958,
          "training/3", 6131, "training/4", 5842, "training/5", 5421, "training/6", 5918, "training/7", 6265,
          "training/8", 5851, "training/9", 5949, "testing/0", 980, "testing/1", 1135, "testing/2", 1032,
          "testing/3", 1010, "testing/4", 982, "testing/5", 892, "testing/6", 958, "testing/7", 1028,
          "testing/8", 974, "testing/9", 1009)));

  /** The contents of fastai's dataset at {@code url}, if jfastai knows them. */
  public static Optional<DatasetContents> known(String url) {
    return Optional.ofNullable(KNOWN.get(url));
  }

  /** What is missing or incomplete in {@code folder}, or empty when it holds everything. */
  public Optional<String> problems(Path folder) throws IOException {
    List<String> problems = new ArrayList<>();
    for (String f : files) {
      if (!Files.isRegularFile(folder.resolve(f))) problems.add(f + " is missing");
    }
    for (Map.Entry<String, Integer> e : folders.entrySet()) {
      Path dir = folder.resolve(e.getKey());
      if (!Files.isDirectory(dir)) {
        problems.add(e.getKey() + "/ is missing");
        continue;
      }
      int count = 0;
      try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
        for (Path p : s) count++;
      }
      if (count != e.getValue()) problems.add(e.getKey() + "/ has " + count + " files, expected " + e.getValue());
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", problems));
  }

  private static Map<String, Integer> folders(Object... pathsAndCounts) {
    Map<String, Integer> out = new TreeMap<>();
    for (int i = 0; i < pathsAndCounts.length; i += 2) {
      out.put((String) pathsAndCounts[i], (Integer) pathsAndCounts[i + 1]);
    }
    return out;
  }
}
