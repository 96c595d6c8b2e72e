package dev.jfastai.data.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Decodes many same-sized images into one flat byte array, row-major {@code [n, channels, height, width]}, in
 * parallel on all cores, each thread with its own decoder: a quarter of the memory floats would take, as fastai keeps
 * uint8 images until it makes a batch.
 */
public final class ImageStack {
  private ImageStack() {}

  /** The images of {@code files} with 1 (gray, colour through PIL's luma) or 3 (RGB, gray replicated) channels. */
  public static byte[] read(List<Path> files, int channels, int height, int width) throws IOException {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("ImageStack: channels must be 1 (gray) or 3 (RGB), got " + channels);
    }
    int n = files.size();
    int pixels = Math.multiplyExact(Math.multiplyExact(height, width), channels);
    byte[] out = new byte[Math.multiplyExact(n, pixels)];
    int workers = ForkJoinPool.getCommonPoolParallelism() + 1; // the pool's threads plus the calling thread
    int chunks = Math.max(1, Math.min(n, 4 * workers)); // several per worker to even out slow files
    try {
      IntStream.range(0, chunks).parallel().forEach(c -> {
        try (ImageReader reader = new ImageReader()) {
          for (int i = (int) ((long) n * c / chunks), end = (int) ((long) n * (c + 1) / chunks); i < end; i++) {
            if (channels == 1) {
              reader.readGrayInto(files.get(i), height, width, out, i * pixels);
            } else {
              reader.readRgbInto(files.get(i), height, width, out, i * pixels);
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }
}
