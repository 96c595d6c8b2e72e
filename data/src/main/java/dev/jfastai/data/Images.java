package dev.jfastai.data;

import dev.jfastai.data.internal.GrayImageStack;
import dev.jfastai.data.internal.ImageReader;
import dev.jfastai.data.internal.IoErrors;
import dev.jfastai.data.internal.RawImage;
import dev.jfastai.tensor.Tensor;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Image files as float tensors with values in [0, 1], the chapter's {@code tensor(Image.open(o)).float()/255}.
 * 8-bit PNGs go through a fast built-in decoder, other PNGs, JPEG, BMP and GIF through ImageIO; colour is
 * converted to gray with PIL's formula. Errors name the file.
 */
public final class Images {
  private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

  private Images() {}

  /** {@code [height, width]} for a gray image, {@code [height, width, 3]} for colour (alpha dropped). */
  public static Tensor read(Path file) {
    return IoErrors.unchecked("Images.read", file, () -> readChecked(file));
  }

  private static Tensor readChecked(Path file) throws IOException {
    RawImage image;
    try (ImageReader reader = new ImageReader()) {
      image = reader.read(file);
    }
    return toTensor(image);
  }

  /** {@code [height, width]} in gray, colour converted like PIL's {@code convert('L')}. */
  public static Tensor readGray(Path file) {
    return IoErrors.unchecked("Images.readGray", file, () -> readGrayChecked(file));
  }

  private static Tensor readGrayChecked(Path file) throws IOException {
    RawImage image;
    try (ImageReader reader = new ImageReader()) {
      image = reader.read(file).gray();
    }
    return toTensor(image);
  }

  /**
   * The images of {@code files}, all {@code height x width}, in gray as {@code [n, height, width]}: the chapter's
   * {@code torch.stack([tensor(Image.open(o)) for o in files]).float()/255}. Decodes on all cores.
   */
  public static Tensor readGrayStack(List<Path> files, int height, int width) {
    Object where = files.isEmpty() ? "[]" : files.get(0).getParent();
    return IoErrors.unchecked("Images.readGrayStack", where, () -> readGrayStackChecked(files, height, width));
  }

  private static Tensor readGrayStackChecked(List<Path> files, int height, int width) throws IOException {
    return Tensor.wrap(GrayImageStack.read(files, height, width), files.size(), height, width);
  }

  /**
   * The image files (png, jpg, jpeg, bmp, gif) directly in {@code folder}, sorted by name like fastai's
   * {@code path.ls().sorted()}.
   */
  public static List<Path> files(Path folder) {
    return IoErrors.unchecked("Images.files", folder, () -> filesChecked(folder));
  }

  private static List<Path> filesChecked(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) throw new IOException("No image folder at " + folder);
    List<String> names = new ArrayList<>();
    for (String name : names(folder)) {
      if (isImage(name)) names.add(name);
    }
    Collections.sort(names); // Python sorts names by code point; String order agrees outside surrogate pairs
    List<Path> files = new ArrayList<>(names.size());
    for (String name : names) files.add(folder.resolve(name));
    return files;
  }

  /** The names in a folder; java.io's listing, when it applies, is twice as fast on big folders. */
  private static List<String> names(Path folder) throws IOException {
    if (folder.getFileSystem() == FileSystems.getDefault()) {
      String[] names = folder.toFile().list();
      if (names == null) throw new IOException("Cannot list the folder " + folder);
      return Arrays.asList(names);
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path p : entries) names.add(p.getFileName().toString());
    }
    return names;
  }

  private static boolean isImage(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static Tensor toTensor(RawImage image) {
    float[] values = new float[image.pixels().length];
    image.unitTo(values, 0);
    return image.channels() == 1 ? Tensor.wrap(values, image.height(), image.width())
        : Tensor.wrap(values, image.height(), image.width(), image.channels());
  }
}
