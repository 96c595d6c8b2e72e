package dev.jfastai.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfastai.data.DataLoaders;
import dev.jfastai.data.MnistSample;
import dev.jfastai.data.URLs;
import dev.jfastai.data.UntarData;
import dev.jfastai.nn.Linear;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.ReLU;
import dev.jfastai.nn.Sequential;
import dev.jfastai.nn.optim.BasicOptim;
import dev.jfastai.tensor.Generator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chapter's Learner on the real MNIST_SAMPLE, when untarData's cache holds it (CI seeds it; offline
 * machines without it skip): Linear(784,30)-ReLU-Linear(30,1), mnist_loss, BasicOptim at lr 0.1, bs 256, 40 epochs.
 */
class ChapterEndToEndTest {
  @TempDir Path dir;

  @Test
  void fortyEpochsReachTheChaptersAccuracy() throws Exception {
    UntarData cache = UntarData.builder().quiet(true).build();
    Path archive = cache.archivePath(URLs.MNIST_SAMPLE);
    assumeTrue(Files.exists(archive) || Files.isDirectory(cache.dataPath(URLs.MNIST_SAMPLE)),
        "MNIST_SAMPLE is not in the cache at " + archive);
    MnistSample sample = MnistSample.load(cache.untar(URLs.MNIST_SAMPLE));
    DataLoaders dls = sample.dataLoaders(256);
    assertEquals(49, dls.train().size());
    assertEquals(8, dls.valid().size());

    Generator g = new Generator(42);
    Sequential model = new Sequential(new Linear(784, 30, g), new ReLU(), new Linear(30, 1, g));
    Learner learn = Learner.builder(dls, model).optFunc(BasicOptim::new).lossFunc(Losses::mnistLoss)
        .metrics(Metrics.batchAccuracy()).path(dir).build();
    learn.fit(40, 0.1f);

    List<EpochRecord> epochs = learn.recorder().epochs();
    assertEquals(40, epochs.size());
    double first = epochs.get(0).value("batch_accuracy");
    double last = epochs.get(39).value("batch_accuracy");
    assertTrue(first >= 0.4 && first <= 0.95, "epoch-1 accuracy " + first + " should be in [0.4, 0.95]");
    assertTrue(last >= 0.98, "epoch-40 accuracy " + last + " should be >= 0.98");
    assertTrue(epochs.get(39).validLoss() < epochs.get(0).validLoss());
  }
}
