package dev.jfastai.examples.chapter13;

import dev.jfastai.nn.BatchNorm2d;
import dev.jfastai.nn.Conv2d;
import dev.jfastai.nn.Flatten;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.ReLU;
import dev.jfastai.nn.Sequential;
import dev.jfastai.tensor.Generator;

/**
 * The chapter's CNNs, seeded so that a run is reproducible. The book's {@code conv(ni, nf, ks=3, act=True)} is a
 * stride-2 {@code ks x ks} convolution with padding {@code ks // 2}, then a ReLU unless {@code act=False}, and in
 * its BatchNorm version a {@code BatchNorm2d(nf)} after that.
 */
public final class ChapterCnns {
  private ChapterCnns() {}

  /**
   * The book's {@code conv}: Conv2d (stride 2, padding ks // 2), ReLU if {@code act}, BatchNorm2d if asked; a bare
   * Conv2d without either, as the book's, so state-dict keys match PyTorch's.
   */
  public static Module conv(int ni, int nf, int ks, boolean act, boolean batchNorm, Generator g) {
    Conv2d conv = Conv2d.builder(ni, nf, ks).stride(2).padding(ks / 2).generator(g).build();
    if (!act && !batchNorm) return conv;
    if (!batchNorm) return new Sequential(conv, new ReLU());
    return act ? new Sequential(conv, new ReLU(), new BatchNorm2d(nf)) : new Sequential(conv, new BatchNorm2d(nf));
  }

  /**
   * MNIST_SAMPLE's {@code simple_cnn = sequential(conv(1,4), conv(4,8), conv(8,16), conv(16,32),
   * conv(32,2,act=False), Flatten())}: 28x28 down to 1x1, two outputs.
   */
  public static Module sampleCnn(long seed) {
    Generator g = new Generator(seed);
    return new Sequential(conv(1, 4, 3, true, false, g), conv(4, 8, 3, true, false, g),
        conv(8, 16, 3, true, false, g), conv(16, 32, 3, true, false, g), conv(32, 2, 3, false, false, g),
        new Flatten());
  }

  /**
   * Full MNIST's {@code simple_cnn = sequential(conv(1,8,ks=5), conv(8,16), conv(16,32), conv(32,64),
   * conv(64,10,act=False), Flatten())}, with a BatchNorm2d in every block when {@code batchNorm}.
   */
  public static Module mnistCnn(long seed, boolean batchNorm) {
    Generator g = new Generator(seed);
    return new Sequential(conv(1, 8, 5, true, batchNorm, g), conv(8, 16, 3, true, batchNorm, g),
        conv(16, 32, 3, true, batchNorm, g), conv(32, 64, 3, true, batchNorm, g),
        conv(64, 10, 3, false, batchNorm, g), new Flatten());
  }
}
