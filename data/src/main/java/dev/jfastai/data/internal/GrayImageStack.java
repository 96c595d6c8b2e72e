package dev.jfastai.data.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Decodes many same-sized images into one flat float array, in parallel, each thread with its own decoder. */
public final class GrayImageStack {
  private GrayImageStack() {}

  /** The images of {@code files} as grayscale floats in [0, 1], row-major {@code [n, height, width]}. */
  public static float[] read(List<Path> files, int height, int width) throws IOException {
    byte[] pixels = ImageStack.read(files, 1, height, width);
    float[] out = new float[pixels.length];
    for (int i = 0; i < out.length; i++) out[i] = Luma.UNIT[pixels[i] & 0xFF];
    return out;
  }
}
