package dev.jfastai.data.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/** Decodes many same-sized images into one flat float array, in parallel, each thread with its own decoder. */
public final class GrayImageStack {
  private GrayImageStack() {}

  /** The images of {@code files} as grayscale floats in [0, 1], row-major {@code [n, height, width]}. */
  public static float[] read(List<Path> files, int height, int width) throws IOException {
    int n = files.size();
    int pixels = Math.multiplyExact(height, width);
    float[] out = new float[Math.multiplyExact(n, pixels)];
    int workers = ForkJoinPool.getCommonPoolParallelism() + 1; // the pool's threads plus the calling thread
    int chunks = Math.max(1, Math.min(n, 4 * workers)); // several per worker to even out slow files
    try {
      IntStream.range(0, chunks).parallel().forEach(c -> {
        try (ImageReader reader = new ImageReader()) {
          for (int i = (int) ((long) n * c / chunks), end = (int) ((long) n * (c + 1) / chunks); i < end; i++) {
            reader.readGrayInto(files.get(i), height, width, out, i * pixels);
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
