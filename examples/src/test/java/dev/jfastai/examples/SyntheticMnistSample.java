package dev.jfastai.examples;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes a small MNIST_SAMPLE look-alike for tests: {@code train/{3,7}} and {@code valid/{3,7}} folders of 28x28
 * 8-bit gray PNGs (drawn threes and sevens, randomly shifted, with noise) plus {@code labels.csv}, the same
 * layout and file naming as fastai's archive. The same seed writes the same files.
 */
public final class SyntheticMnistSample {
  private SyntheticMnistSample() {}

  /** Writes {@code trainPerDigit} and {@code validPerDigit} images of each digit under {@code root}; returns root. */
  public static Path write(Path root, int trainPerDigit, int validPerDigit, long seed) throws IOException {
    Random random = new Random(seed);
    StringBuilder labels = new StringBuilder("name,label\n");
    int index = 0;
    for (String split : new String[] {"train", "valid"}) {
      int count = split.equals("train") ? trainPerDigit : validPerDigit;
      for (int digit : new int[] {3, 7}) {
        Path folder = Files.createDirectories(root.resolve(split).resolve(Integer.toString(digit)));
        for (int i = 0; i < count; i++) {
          String name = (index += 1 + random.nextInt(5)) + ".png";
          ImageIO.write(draw(digit, random), "png", folder.resolve(name).toFile());
          labels.append(split + '/' + digit + '/' + name + ',' + digit + '\n');
        }
      }
    }
    Files.writeString(root.resolve("labels.csv"), labels);
    return root;
  }

  /**
   * The same images in fastai's full-MNIST layout ({@code training/{3,7}}, {@code testing/{3,7}}), as
   * {@code URLs.MNIST} extracts it; returns root.
   */
  public static Path writeMnistLayout(Path root, int trainPerDigit, int validPerDigit, long seed) throws IOException {
    write(root, trainPerDigit, validPerDigit, seed);
    Files.move(root.resolve("train"), root.resolve("training"));
    Files.move(root.resolve("valid"), root.resolve("testing"));
    return root;
  }

  private static BufferedImage draw(int digit, Random random) {
    int[][] pixels = new int[28][28];
    int dx = random.nextInt(5) - 2;
    int dy = random.nextInt(5) - 2;
    if (digit == 3) {
      for (int row : new int[] {5, 13, 21}) bar(pixels, row + dy, 9 + dx, 19 + dx, random);
      for (int r = 5; r <= 22; r++) stroke(pixels, r + dy, 18 + dx, random);
    } else {
      bar(pixels, 5 + dy, 7 + dx, 20 + dx, random);
      for (int r = 7; r <= 22; r++) stroke(pixels, r + dy, 20 - (r - 7) * 2 / 3 + dx, random);
    }
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = image.getRaster();
    for (int r = 0; r < 28; r++) {
      for (int c = 0; c < 28; c++) {
        int noise = random.nextInt(10) == 0 ? random.nextInt(120) : 0;
        raster.setSample(c, r, 0, Math.min(255, pixels[r][c] + noise));
      }
    }
    return image;
  }

  /** A two-pixel-high horizontal bar. */
  private static void bar(int[][] pixels, int row, int from, int to, Random random) {
    for (int c = from; c <= to; c++) {
      stroke(pixels, row, c, random);
      stroke(pixels, row + 1, c, random);
    }
  }

  /** A two-pixel-wide dot of ink. */
  private static void stroke(int[][] pixels, int row, int col, Random random) {
    for (int c = col; c <= col + 1; c++) {
      if (row >= 0 && row < 28 && c >= 0 && c < 28) pixels[row][c] = 160 + random.nextInt(96);
    }
  }
}
