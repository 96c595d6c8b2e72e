package dev.jfastai.examples.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.jfastai.data.DataLoaders;
import dev.jfastai.data.TensorDataset;
import dev.jfastai.learner.Callback;
import dev.jfastai.learner.Event;
import dev.jfastai.learner.Learner;
import dev.jfastai.learner.LearnerModule;
import dev.jfastai.nn.Linear;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.ReLU;
import dev.jfastai.nn.Sequential;
import dev.jfastai.nn.optim.BasicOptim;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example callback, registered through its Guice module, prints the right norm at the right batches. */
class GradNormCallbackTest {
  private static final Pattern LINE = Pattern.compile("epoch (\\d+)  batch (\\d+)  grad norm (\\d+\\.\\d{6})");

  @Test
  void printsTheGradientNormEveryNBatches() {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
    Injector injector = Guice.createInjector(new LearnerModule(), new GradNormModule(3, out));
    Learner learn = tinyLearner(injector);
    List<Double> expected = new ArrayList<>();
    Callback reference = Callback.on(Event.afterBackward, l -> {
      if ((l.trainIter() + 1) % 3 == 0) expected.add(normFromArrays(l.model()));
    });

    learn.fit(2, 0.1f, reference); // 5 batches per epoch: batches 3, 6 and 9 of 10

    assertTrue(learn.callback(GradNormCallback.class).isPresent());
    List<String> lines = text.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(3, lines.size(), text.toString(StandardCharsets.UTF_8));
    int[][] epochAndBatch = {{0, 3}, {1, 6}, {1, 9}};
    for (int i = 0; i < 3; i++) {
      Matcher m = LINE.matcher(lines.get(i));
      assertTrue(m.matches(), lines.get(i));
      assertEquals(epochAndBatch[i][0], Integer.parseInt(m.group(1)));
      assertEquals(epochAndBatch[i][1], Integer.parseInt(m.group(2)));
      assertEquals(expected.get(i), Double.parseDouble(m.group(3)), 1e-6 + 1e-5 * expected.get(i));
    }
  }

  @Test
  void refusesANonPositiveInterval() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GradNormCallback(0, System.out));
    assertEquals("GradNormCallback: every must be > 0 batches, got 0", e.getMessage());
  }

  private static Learner tinyLearner(Injector injector) {
    Generator g = new Generator(11);
    Tensor x = Tensor.uniform(g, -1f, 1f, 40, 3);
    Tensor y = x.sum(1, true);
    DataLoaders dls = DataLoaders.fromDatasets(new TensorDataset(x, y), new TensorDataset(x, y), 8);
    Module model = new Sequential(new Linear(3, 4, g), new ReLU(), new Linear(4, 1, g));
    return Learner.builder(dls, model).optFunc(BasicOptim::new).lossFunc(Losses::mse).callbacksFrom(injector).build();
  }

  /** The global L2 norm computed independently of the callback, in double from the raw gradient arrays. */
  private static double normFromArrays(Module model) {
    double sum = 0;
    for (Tensor p : model.parameters()) {
      Tensor grad = p.grad().orElseThrow();
      float[] g = grad.array();
      for (int i = 0, o = grad.arrayOffset(); i < grad.numel(); i++) sum += (double) g[o + i] * g[o + i];
    }
    return Math.sqrt(sum);
  }
}
