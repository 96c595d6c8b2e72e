package dev.jfastai.examples.chapter4;

import dev.jfastai.nn.Linear;
import dev.jfastai.nn.Module;
import dev.jfastai.nn.ReLU;
import dev.jfastai.nn.Sequential;
import dev.jfastai.tensor.Generator;

/** The chapter's models, initialised from a seed so that every step of the chapter starts from the same weights. */
public final class ChapterModels {
  /** Pixels of one 28x28 image, the input size. */
  public static final int PIXELS = 28 * 28;

  private ChapterModels() {}

  /** {@code simple_net = nn.Sequential(nn.Linear(28*28, 30), nn.ReLU(), nn.Linear(30, 1))}. */
  public static Module simpleNet(long seed) {
    Generator g = new Generator(seed);
    return new Sequential(new Linear(PIXELS, 30, g), new ReLU(), new Linear(30, 1, g));
  }
}
