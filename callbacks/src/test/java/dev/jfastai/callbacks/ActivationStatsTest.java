package dev.jfastai.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.learner.Learner;
import dev.jfastai.nn.Linear;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.ReLU;
import dev.jfastai.nn.Sequential;
import dev.jfastai.nn.optim.Optimizers;
import dev.jfastai.tensor.Generator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ActivationStats against statistics computed here from copies of the same training-batch activations: fastai's
 * mean, unbiased std, share {@code <= 0.05} and histc(40, 0, 10); the PNG pictures; hooks gone after the fit.
 */
class ActivationStatsTest {
  @TempDir Path dir;

  private final Linear first = new Linear(2, 8, new Generator(1));
  private final Linear last = new Linear(8, 1, new Generator(2));
  private final Sequential model = new Sequential(first, new ReLU(), last);

  private Learner learner(ActivationStats stats) {
    return Learner.builder(TinyLearners.linearData(32, 16, 8, 3L), model).optFunc(Optimizers.sgd())
        .lossFunc(Losses::mse).callbacks(stats).path(dir).build();
  }

  @Test
  void recordsFastaisStatisticsOfEveryTrainingBatch() throws IOException {
    List<float[]> outputs = new ArrayList<>();
    first.registerForwardHook((m, in, out) -> {
      if (m.isTraining()) outputs.add(out.toFloatArray());
    });
    ActivationStats stats = ActivationStats.builder().histograms(true).build();
    Learner learn = learner(stats);
    learn.fit(2, 0.1f);

    assertEquals(List.<Module>of(first, last), stats.modules(), "the leaf layers with parameters");
    assertEquals(8, stats.size(), "4 training batches x 2 epochs; validation is not recorded");
    assertEquals(8, outputs.size());
    ActivationStats.LayerStats layer0 = stats.layerStats(0);
    double[][] hist = stats.histogram(0);
    for (int b = 0; b < outputs.size(); b++) {
      float[] o = outputs.get(b);
      double mean = 0;
      for (float v : o) mean += v;
      mean /= o.length;
      double sq = 0;
      int near = 0;
      int[] bins = new int[40];
      for (float v : o) {
        sq += (v - mean) * (v - mean);
        if (v <= 0.05) near++;
        if (v >= 0 && v <= 10) bins[Math.min(39, (int) Math.floor(v / 0.25))]++;
      }
      assertEquals(mean, layer0.means().get(b), 1e-9, "mean of batch " + b);
      assertEquals(Math.sqrt(sq / (o.length - 1)), layer0.stds().get(b), 1e-9, "unbiased std of batch " + b);
      assertEquals(near / (double) o.length, layer0.nearZero().get(b), 1e-12, "near zero of batch " + b);
      for (int k = 0; k < 40; k++) assertEquals(Math.log1p(bins[k]), hist[k][b], 1e-12, "bin " + k);
    }
    assertFalse(last.hasForwardHooks(), "ActivationStats removed its hooks");

    BufferedImage plot = ImageIO.read(stats.plotLayerStats(0, dir.resolve("layer0.png")).toFile());
    assertEquals(1200, plot.getWidth());
    assertEquals(300, plot.getHeight());
    BufferedImage colorDim = ImageIO.read(stats.colorDim(1, dir.resolve("color_dim.png")).toFile());
    assertEquals(1000, colorDim.getWidth());
    Set<Integer> colours = new HashSet<>();
    for (int x = 0; x < 1000; x += 50) {
      for (int y = 0; y < 500; y += 25) colours.add(colorDim.getRGB(x, y) & 0xFFFFFF);
    }
    assertTrue(colours.contains(0x440154) && colours.size() > 1, "viridis from the minimum upwards: " + colours);
  }

  @Test
  void everyRecordsEveryNthTrainingBatchAndHistogramsMustBeAskedFor() {
    ActivationStats stats = ActivationStats.builder().every(2).modules(List.of(last)).build();
    learner(stats).fit(1, 0.1f);
    assertEquals(2, stats.size(), "training batches 0 and 2 of 4");
    assertEquals(List.<Module>of(last), stats.modules());
    assertFalse(last.hasForwardHooks());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> stats.histogram(0));
    assertTrue(e.getMessage().contains("histograms(true)"), e.getMessage());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> stats.layerStats(1));
    assertTrue(bad.getMessage().contains("1 layers are hooked"), bad.getMessage());
  }

  @Test
  void histcPutsTheTopEdgeInTheLastBinAndIgnoresOutsiders() {
    float[] h = ActivationStats.histc(new float[] {7f, -1f, 0f, 0.25f, 9.99f, 10f, 11f}, 1, 6);
    float[] expected = new float[40];
    expected[0] = 1; // 0
    expected[1] = 1; // 0.25, the lower edge of bin 1
    expected[39] = 2; // 9.99 and the top edge 10
    assertArrayEquals(expected, h, "torch.histc(x, 40, 0, 10)");
  }
}
