package dev.jfastai.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfastai.learner.Callback;
import dev.jfastai.learner.CancelValidException;
import dev.jfastai.learner.Event;
import dev.jfastai.learner.Learner;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
  @TempDir Path dir;

  private static BufferedImage decode(Path png) throws IOException {
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img, png + " decodes as an image");
    return img;
  }

  private List<Path> filesIn(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().toList();
    }
  }

  @Test
  void runsHeadless() {
    assertTrue(GraphicsEnvironment.isHeadless(), "tests run with java.awt.headless=true");
  }

  @Test
  void lossCurveIsAPngOfTheAskedSize() throws IOException {
    Learner learn = TinyLearners.regression(dir);
    learn.fit(3, 0.1f);
    Path png = Plots.lossCurve(learn.recorder(), dir.resolve("plots/loss.png"));
    BufferedImage img = decode(png);
    assertEquals(Plots.DEFAULT_WIDTH, img.getWidth());
    assertEquals(Plots.DEFAULT_HEIGHT, img.getHeight());

    BufferedImage small = decode(Plots.lossCurve(learn.recorder(), dir.resolve("plots/loss.png"), 320, 200));
    assertEquals(320, small.getWidth());
    assertEquals(200, small.getHeight());
    assertEquals(List.of(dir.resolve("plots/loss.png")), filesIn(dir.resolve("plots")),
        "replaced in place, no temp files");
  }

  @Test
  void valuesThatWereNotComputedAreLeftOut() throws IOException {
    Callback skipValidation = Callback.on(Event.beforeValidate, l -> {
      throw new CancelValidException();
    });
    Learner learn = TinyLearners.regression(dir, skipValidation);
    learn.fit(2, 0.1f);
    assertTrue(Double.isNaN(learn.recorder().lastEpoch().validLoss()));
    decode(Plots.lossCurve(learn.recorder(), dir.resolve("loss.png")));
  }

  @Test
  void lrFinderCurveIsAPng() throws IOException {
    Learner learn = TinyLearners.regression(dir);
    LRFindResult result = LRFinder.lrFind(learn, new LRFindOptions(1e-6, 1, 40, true));
    BufferedImage img = decode(Plots.lrFinder(result, dir.resolve("lr_find.png"), 600, 400));
    assertEquals(600, img.getWidth());
    assertEquals(400, img.getHeight());
  }

  @Test
  void showGraphRewritesThePngAfterEachEpoch() throws IOException {
    List<byte[]> images = new ArrayList<>();
    Callback read = Callback.on(Event.afterEpoch, 100, l -> {
      try {
        images.add(Files.readAllBytes(l.path().resolve("loss.png")));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    ShowGraphCallback graph = new ShowGraphCallback();
    TinyLearners.regression(dir, graph, read).fit(3, 0.1f);
    assertEquals(dir.resolve("loss.png"), graph.file());
    assertEquals(3, images.size());
    assertFalse(Arrays.equals(images.get(0), images.get(1)));
    assertFalse(Arrays.equals(images.get(1), images.get(2)));
    assertEquals(Plots.DEFAULT_WIDTH, decode(dir.resolve("loss.png")).getWidth());
  }
}
