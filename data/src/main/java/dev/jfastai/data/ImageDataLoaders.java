package dev.jfastai.data;

import dev.jfastai.data.internal.ImageStack;
import dev.jfastai.tensor.Generator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Image classification from folders, fastai's {@code DataBlock(ImageBlock, CategoryBlock, get_image_files,
 * GrandparentSplitter(train, valid), parent_label)}: the images in {@code path/<train>/<label>/} and
 * {@code path/<valid>/<label>/}, all of one size, decoded on all cores and kept as bytes ({@link ImageDataset}),
 * batched as NCHW float tensors in [0, 1] (optionally normalized), labelled by their folder's index in the sorted
 * vocabulary of the training folders.
 * Training batches are reshuffled every epoch and the last partial one dropped; validation keeps its order.
 */
public final class ImageDataLoaders {
  private final DataLoaders dataLoaders;
  private final List<String> vocab;
  private final List<Path> trainFiles;
  private final List<Path> validFiles;
  private final Normalize normalize;

  private ImageDataLoaders(DataLoaders dataLoaders, List<String> vocab, List<Path> trainFiles, List<Path> validFiles,
      Normalize normalize) {
    this.dataLoaders = dataLoaders;
    this.vocab = vocab;
    this.trainFiles = trainFiles;
    this.validFiles = validFiles;
    this.normalize = normalize;
  }

  /** RGB images of {@code path/train} and {@code path/valid}, not normalized, batches of {@code batchSize}. */
  public static ImageDataLoaders fromFolder(Path path, String train, String valid, int batchSize) {
    return builder(path).train(train).valid(valid).batchSize(batchSize).build();
  }

  /** A builder with fastai's defaults: folders {@code train} and {@code valid}, batch size 64, RGB, no Normalize. */
  public static Builder builder(Path path) {
    return new Builder(path);
  }

  /** The training and validation loaders, for {@code Learner.builder(dls.dataLoaders(), model)}. */
  public DataLoaders dataLoaders() {
    return dataLoaders;
  }

  public DataLoader train() {
    return dataLoaders.train();
  }

  public DataLoader valid() {
    return dataLoaders.valid();
  }

  /** The class names, sorted; a label is an index into this list, like fastai's {@code dls.vocab}. */
  public List<String> vocab() {
    return vocab;
  }

  /** The image file of each training item, in dataset order. */
  public List<Path> trainFiles() {
    return trainFiles;
  }

  /** The image file of each validation item, in dataset order. */
  public List<Path> validFiles() {
    return validFiles;
  }

  /** The normalization applied to every image, if any. */
  public Optional<Normalize> normalize() {
    return Optional.ofNullable(normalize);
  }

  /** Configures and loads an {@link ImageDataLoaders}. */
  public static final class Builder {
    private final Path path;
    private String train = "train";
    private String valid = "valid";
    private int batchSize = 64;
    private boolean gray;
    private Normalize normalize;
    private boolean normalizeFromTraining;
    private Generator shuffle;

    private Builder(Path path) {
      this.path = Objects.requireNonNull(path, "path");
    }

    /** The training folder's name under the path (fastai's {@code GrandparentSplitter(train_name=...)}). */
    public Builder train(String name) {
      this.train = Objects.requireNonNull(name, "train");
      return this;
    }

    /** The validation folder's name under the path. */
    public Builder valid(String name) {
      this.valid = Objects.requireNonNull(name, "valid");
      return this;
    }

    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("ImageDataLoaders: batch size must be >= 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** One gray channel (fastai's {@code ImageBlock(cls=PILImageBW)}) instead of three RGB channels. */
    public Builder gray(boolean gray) {
      this.gray = gray;
      return this;
    }

    /** Normalizes with these stats ({@code Normalize.from_stats}). */
    public Builder normalize(Normalize normalize) {
      this.normalize = Objects.requireNonNull(normalize, "normalize");
      this.normalizeFromTraining = false;
      return this;
    }

    /** Normalizes with stats computed from the whole training set ({@link Normalize#fromImages}). */
    public Builder normalizeFromTraining() {
      this.normalize = null;
      this.normalizeFromTraining = true;
      return this;
    }

    /** Shuffles the training set with this generator, so a seed reproduces the batch orders. */
    public Builder shuffle(Generator generator) {
      this.shuffle = Objects.requireNonNull(generator, "generator");
      return this;
    }

    /**
     * Reads every image (throwing {@link UncheckedIOException} naming a missing folder or a bad file) and builds
     * the loaders.
     */
    public ImageDataLoaders build() {
      try {
        return load();
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
    }

    private ImageDataLoaders load() throws IOException {
      Path trainDir = path.resolve(train);
      Path validDir = path.resolve(valid);
      List<String> vocab = labels(trainDir);
      if (vocab.isEmpty()) throw new IOException("No class folders in " + trainDir);
      List<Path> trainFiles = new ArrayList<>();
      List<Path> validFiles = new ArrayList<>();
      float[] trainY = labelledFiles(trainDir, vocab, trainFiles);
      float[] validY = labelledFiles(validDir, vocab, validFiles);
      if (trainFiles.isEmpty()) throw new IOException("No images in the class folders of " + trainDir);
      int channels = gray ? 1 : 3;
      int[] hw = size(trainFiles.get(0));
      if (normalize != null && normalize.channels() != channels) {
        throw new IllegalArgumentException("ImageDataLoaders: Normalize has " + normalize.channels()
            + " channels but the images are loaded with " + channels + (gray ? " (gray)" : " (RGB)"));
      }
      byte[] trainX = ImageStack.read(trainFiles, channels, hw[0], hw[1]);
      byte[] validX = ImageStack.read(validFiles, channels, hw[0], hw[1]);
      int plane = hw[0] * hw[1];
      Normalize norm = normalizeFromTraining ? Normalize.fromBytes(trainX, trainY.length, channels, plane) : normalize;
      int[] item = {channels, hw[0], hw[1]};
      Generator g = shuffle != null ? shuffle : new Generator(ThreadLocalRandom.current().nextLong());
      DataLoader trainLoader = DataLoader.builder(new ImageDataset(trainX, item, trainY, norm))
          .batchSize(batchSize).shuffle(g).dropLast(true).build();
      DataLoader validLoader = DataLoader.builder(new ImageDataset(validX, item, validY, norm))
          .batchSize(batchSize).build();
      return new ImageDataLoaders(new DataLoaders(trainLoader, validLoader), List.copyOf(vocab),
          List.copyOf(trainFiles), List.copyOf(validFiles), norm);
    }

    private static int[] size(Path first) throws IOException {
      int[] shape = Images.read(first).shape();
      return new int[] {shape[0], shape[1]};
    }

    /** The sub-folder names of {@code dir}, sorted like Python's {@code sorted}. */
    private static List<String> labels(Path dir) throws IOException {
      if (!Files.isDirectory(dir)) throw new IOException("No image folder at " + dir);
      List<String> names = new ArrayList<>();
      try (Stream<Path> entries = Files.list(dir)) {
        entries.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
      }
      Collections.sort(names);
      return names;
    }

    /** Adds the images of each class folder of {@code dir} to {@code files}; returns their class indices. */
    private static float[] labelledFiles(Path dir, List<String> vocab, List<Path> files) throws IOException {
      List<Float> ys = new ArrayList<>();
      for (String label : labels(dir)) {
        int index = vocab.indexOf(label);
        if (index < 0) {
          throw new IOException("Class folder " + dir.resolve(label) + " is not among the training classes "
              + vocab + "; every validation class needs training images");
        }
        for (Path f : Images.files(dir.resolve(label))) {
          files.add(f);
          ys.add((float) index);
        }
      }
      float[] y = new float[ys.size()];
      for (int i = 0; i < y.length; i++) y[i] = ys.get(i);
      return y;
    }
  }
}
