package dev.jfastai.tensor.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A convolution whose single image needs more scratch than a thread keeps (its column matrix on the im2col path, its
 * padded planes on the direct path) runs on scratch of its own, which is dropped afterwards: the thread holds no more
 * than the bound, and the results are right.
 */
class ConvScratchTest {
  @Test
  void aLargeImageDoesNotGrowTheKeptScratchAndConvolvesRight() {
    // one image of 32 channels, 200x200, 3x3 padding 1: its columns and its padded planes are above the bound
    int c = 32;
    int size = 200;
    int oc = 2;
    ConvGeometry g = new ConvGeometry(1, c, size, size, oc, 3, 3, 1, 1, 1, 1, 1, 1, 1);
    assertTrue((long) c * 9 * size * size > ConvScratch.KEEP_FLOATS);
    assertTrue((long) c * (size + 2) * (size + 2) > ConvScratch.KEEP_FLOATS);
    Random random = new Random(1);
    float[] x = new float[c * size * size];
    float[] w = new float[oc * c * 9];
    for (int i = 0; i < x.length; i++) x[i] = random.nextFloat() - 0.5f;
    for (int i = 0; i < w.length; i++) w[i] = random.nextFloat() - 0.5f;
    float[] y = new float[oc * size * size];
    ConvKernels.forward(g, x, 0, w, 0, null, 0, y, null);
    float[] dx = new float[x.length];
    float[] dw = new float[w.length];
    ConvKernels.backward(g, x, 0, w, 0, y, 0, dx, dw, null);
    assertTrue(ConvScratch.largestKept() <= ConvScratch.KEEP_FLOATS,
        "scratch kept: " + ConvScratch.largestKept());
    for (int[] at : new int[][] {{0, 0, 0}, {1, 31, 17}, {0, 199, 199}, {1, 40, 0}}) {
      double expected = 0;
      for (int ci = 0; ci < c; ci++) {
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 3; j++) {
            int h = at[1] - 1 + i;
            int v = at[2] - 1 + j;
            if (h >= 0 && h < size && v >= 0 && v < size) {
              expected += (double) x[(ci * size + h) * size + v] * w[((at[0] * c + ci) * 3 + i) * 3 + j];
            }
          }
        }
      }
      assertEquals(expected, y[(at[0] * size + at[1]) * size + at[2]], 1e-4, "output " + Arrays.toString(at));
    }
  }
}
