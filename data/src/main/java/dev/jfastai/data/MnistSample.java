package dev.jfastai.data;

import dev.jfastai.data.internal.IoErrors;
import dev.jfastai.data.internal.Messages;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * fastai's MNIST_SAMPLE (threes and sevens) as the tensors of chapter 4: {@code trainX [12396, 784]} and
 * {@code validX [2038, 784]} in [0, 1], threes first then sevens, each folder sorted like {@code ls().sorted()};
 * {@code trainY [12396, 1]} and {@code validY [2038, 1]} are 1 for a three and 0 for a seven, the chapter's
 * {@code tensor([1]*len(threes) + [0]*len(sevens)).unsqueeze(1)}. Like the chapter, labels come from the
 * folders; {@link #checkLabels()} verifies them against fastai's {@code labels.csv}.
 */
public final class MnistSample {
  private static final int SIDE = 28;
  private static final String[] DIGITS = {"3", "7"};

  private final Path folder;
  private final List<Path> trainFiles;
  private final List<Path> validFiles;
  private final Tensor trainX;
  private final Tensor trainY;
  private final Tensor validX;
  private final Tensor validY;

  private MnistSample(Path folder, List<Path> trainFiles, List<Path> validFiles, Tensor[] train, Tensor[] valid) {
    this.folder = folder;
    this.trainFiles = trainFiles;
    this.validFiles = validFiles;
    this.trainX = train[0];
    this.trainY = train[1];
    this.validX = valid[0];
    this.validY = valid[1];
  }

  /** Reads an extracted {@code mnist_sample} folder, e.g. {@code UntarData.untarData(URLs.MNIST_SAMPLE)}. */
  public static MnistSample load(Path folder) {
    return IoErrors.unchecked("MnistSample.load", folder, () -> loadChecked(folder));
  }

  private static MnistSample loadChecked(Path folder) throws IOException {
    List<List<Path>> train = classFiles(folder, "train");
    List<List<Path>> valid = classFiles(folder, "valid");
    return new MnistSample(folder, concat(train), concat(valid), tensors(train), tensors(valid));
  }

  /**
   * fastai's {@code labels.csv}: image path relative to the folder (e.g. {@code train/3/7.png}) to label,
   * 0 for a three and 1 for a seven, in file order.
   */
  public static Map<String, Integer> readLabels(Path csv) {
    return IoErrors.unchecked("MnistSample.readLabels", csv, () -> readLabelsChecked(csv));
  }

  private static Map<String, Integer> readLabelsChecked(Path csv) throws IOException {
    Map<String, Integer> labels = new LinkedHashMap<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      for (CSVRecord r : format.parse(in)) {
        if (!r.isMapped("name") || !r.isMapped("label") || !r.isSet("label")) {
          throw new IOException("Bad " + csv + ": record " + r.getRecordNumber()
              + " lacks a name or a label (the header must be name,label)");
        }
        try {
          labels.put(r.get("name"), Integer.parseInt(r.get("label").trim()));
        } catch (NumberFormatException e) {
          throw new IOException("Bad " + csv + ": label '" + r.get("label") + "' of record " + r.getRecordNumber()
              + " is not a number", e);
        }
      }
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new IOException("Bad " + csv + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) { // the CSV parser's iterator
      throw Messages.namingFile(csv, "labels file", e.getCause());
    } catch (IOException e) {
      throw Messages.namingFile(csv, "labels file", e);
    }
    return labels;
  }

  /**
   * Checks every image against the folder's {@code labels.csv}, which must list it with its folder's class index
   * (0 for {@code 3}, 1 for {@code 7}: fastai's sorted vocabulary); throws naming the first disagreement.
   */
  public void checkLabels() {
    IoErrors.uncheckedRun("MnistSample.checkLabels", folder, () -> checkLabelsChecked());
  }

  private void checkLabelsChecked() throws IOException {
    Path csv = folder.resolve("labels.csv");
    if (!Files.isRegularFile(csv)) throw new IOException("No labels.csv in " + folder + " to check the images against");
    Map<String, Integer> labels = readLabels(csv);
    for (List<Path> split : List.of(trainFiles, validFiles)) {
      for (Path file : split) {
        String name = folder.relativize(file).toString().replace('\\', '/');
        int expected = Arrays.asList(DIGITS).indexOf(file.getParent().getFileName().toString());
        Integer label = labels.get(name);
        if (label == null || label != expected) {
          throw new IOException("MNIST_SAMPLE at " + folder + " is inconsistent: " + csv + " gives " + name
              + " the label " + label + " but it lies in the folder of " + DIGITS[expected] + "s (label " + expected
              + "); delete the folder and extract the archive afresh");
        }
      }
    }
  }

  public Tensor trainX() {
    return trainX;
  }

  public Tensor trainY() {
    return trainY;
  }

  public Tensor validX() {
    return validX;
  }

  public Tensor validY() {
    return validY;
  }

  /** The image file of each row of {@link #trainX()}. */
  public List<Path> trainFiles() {
    return trainFiles;
  }

  /** The image file of each row of {@link #validX()}. */
  public List<Path> validFiles() {
    return validFiles;
  }

  /** The chapter's {@code dset = list(zip(train_x, train_y))}. */
  public TensorDataset trainDataset() {
    return new TensorDataset(trainX, trainY);
  }

  /** The chapter's {@code valid_dset}. */
  public TensorDataset validDataset() {
    return new TensorDataset(validX, validY);
  }

  /** The chapter's {@code DataLoaders(dl, valid_dl)}: batches in dataset order, the last one partial. */
  public DataLoaders dataLoaders(int batchSize) {
    return DataLoaders.fromDatasets(trainDataset(), validDataset(), batchSize);
  }

  /** Like {@link #dataLoaders(int)}, the training batches reshuffled each epoch by {@code shuffleTrain}. */
  public DataLoaders dataLoaders(int batchSize, Generator shuffleTrain) {
    return DataLoaders.fromDatasets(trainDataset(), validDataset(), batchSize, shuffleTrain);
  }

  /** The images of {@code split/3} then {@code split/7}, each sorted by name. */
  private static List<List<Path>> classFiles(Path folder, String split) throws IOException {
    List<List<Path>> files = new ArrayList<>();
    for (String digit : DIGITS) files.add(Images.files(folder.resolve(split).resolve(digit)));
    return files;
  }

  /** x as {@code [n, 784]}, and y: 1 for each three, then 0 for each seven, as {@code [n, 1]}. */
  private static Tensor[] tensors(List<List<Path>> split) throws IOException {
    List<Path> files = concat(split);
    Tensor x = Images.readGrayStack(files, SIDE, SIDE).view(files.size(), SIDE * SIDE);
    float[] y = new float[files.size()];
    Arrays.fill(y, 0, split.get(0).size(), 1f);
    return new Tensor[] {x, Tensor.wrap(y, y.length, 1)};
  }

  private static List<Path> concat(List<List<Path>> split) {
    List<Path> all = new ArrayList<>(split.get(0));
    all.addAll(split.get(1));
    return List.copyOf(all);
  }
}
