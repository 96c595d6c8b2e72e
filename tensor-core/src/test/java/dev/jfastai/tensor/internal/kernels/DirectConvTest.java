package dev.jfastai.tensor.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The direct convolution against a plain six-loop reference in double, on geometries that exercise its edges: channel
 * counts below, at and above one or two vectors (so one, two and three panels with unused lanes), strides, dilations
 * and unequal paddings, and batches cut into several chunks. The input gradient gathers per stride class, so strides
 * meet kernels that reach some pixels with one tap, some with several and some with none, and images smaller than
 * the stride. One thread and all threads give the same bits.
 */
class DirectConvTest {
  @ParameterizedTest(name = "batch {0}, {1}->{2} channels, {3}x{4}, kernel {5}x{6}, stride {7}x{8}, pad {9}x{10}, "
      + "dilation {11}x{12}")
  @CsvSource({
      "3, 1, 8, 28, 28, 5, 5, 2, 2, 2, 2, 1, 1",
      "2, 8, 16, 14, 14, 3, 3, 2, 2, 1, 1, 1, 1",
      "2, 20, 70, 9, 7, 3, 2, 1, 3, 0, 1, 1, 1",
      "1, 33, 17, 8, 8, 3, 3, 1, 1, 3, 2, 2, 2",
      "40, 3, 5, 6, 5, 1, 1, 1, 1, 0, 0, 1, 1",
      "130, 16, 32, 7, 7, 3, 3, 2, 2, 1, 1, 1, 1",
      "2, 5, 3, 1, 1, 3, 3, 1, 1, 1, 1, 1, 1",
      "3, 4, 6, 7, 8, 1, 2, 3, 2, 0, 0, 1, 1",
      "2, 9, 40, 10, 11, 3, 3, 3, 2, 2, 0, 2, 1",
      "2, 3, 4, 2, 2, 2, 2, 3, 3, 1, 1, 1, 1"})
  void matchesTheDefinitionAndDoesNotDependOnThreads(int n, int c, int oc, int h, int w, int kh, int kw, int sh,
                                                     int sw, int ph, int pw, int dh, int dw) throws Exception {
    ConvGeometry g = new ConvGeometry(n, c, h, w, oc, kh, kw, sh, sw, ph, pw, dh, dw, 1);
    Random random = new Random(n * 31 + c);
    float[] x = random(random, n * c * h * w);
    float[] weight = random(random, oc * c * kh * kw);
    float[] bias = random(random, oc);
    int oh = g.outHeight();
    int ow = g.outWidth();
    float[] gradOut = random(random, n * oc * oh * ow);

    double[] y = new double[n * oc * oh * ow];
    double[] dx = new double[x.length];
    double[] dWeight = new double[weight.length];
    for (int b = 0; b < n; b++) {
      for (int o = 0; o < oc; o++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            int at = ((b * oc + o) * oh + i) * ow + j;
            y[at] = bias[o];
            for (int ci = 0; ci < c; ci++) {
              for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                  int ih = i * sh - ph + u * dh;
                  int iw = j * sw - pw + v * dw;
                  if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                  int xi = ((b * c + ci) * h + ih) * w + iw;
                  int wi = ((o * c + ci) * kh + u) * kw + v;
                  y[at] += (double) x[xi] * weight[wi];
                  dx[xi] += (double) gradOut[at] * weight[wi];
                  dWeight[wi] += (double) gradOut[at] * x[xi];
                }
              }
            }
          }
        }
      }
    }

    float[][] allThreads = run(g, x, weight, bias, gradOut);
    assertNear("output", y, allThreads[0]);
    assertNear("input grad", dx, allThreads[1]);
    assertNear("weight grad", dWeight, allThreads[2]);
    float[][] oneThread = new ForkJoinPool(1).submit(() -> run(g, x, weight, bias, gradOut)).get();
    for (int i = 0; i < 3; i++) assertArrayEquals(allThreads[i], oneThread[i]);
    // the forward keeps its padded input and the backward reuses it: the same bits
    float[][] kept = run(g, x, weight, bias, gradOut, new float[DirectConv.plan(g, false).paddedLength()]);
    for (int i = 0; i < 3; i++) assertArrayEquals(allThreads[i], kept[i]);
  }

  private static float[][] run(ConvGeometry g, float[] x, float[] weight, float[] bias, float[] gradOut) {
    return run(g, x, weight, bias, gradOut, null);
  }

  private static float[][] run(ConvGeometry g, float[] x, float[] weight, float[] bias, float[] gradOut,
                               float[] kept) {
    float[] y = new float[gradOut.length];
    float[] dx = new float[x.length];
    float[] dWeight = new float[weight.length];
    DirectConv.plan(g, false).forward(x, 0, weight, 0, bias, 0, y, kept);
    DirectConv.plan(g, true).backward(x, 0, weight, 0, gradOut, 0, dx, dWeight, kept);
    return new float[][] {y, dx, dWeight};
  }

  private static float[] random(Random random, int size) {
    float[] a = new float[size];
    for (int i = 0; i < size; i++) a[i] = random.nextFloat() * 2 - 1;
    return a;
  }

  private static void assertNear(String what, double[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])), what + " at " + i);
    }
  }
}
