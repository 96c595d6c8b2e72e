package dev.jfastai.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jfastai.callbacks.internal.LrSuggestions;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Hand-worked cases of fastai's suggestion rules (the fixture test covers realistic curves). */
class LrSuggestionsTest {
  private static final double[] LRS = {1, 2, 3, 4, 5, 6, 7};

  @Test
  void valleyIsAboutHalfwayDownTheLongestDecreasingRun() {
    // the run 5,4,3,2,1 (indices 1-5) wins over 3,2,1; fastai's start is 5 - 5 = 0, third = 5/3: index 0 + 1 + 0
    assertEquals(2, LrSuggestions.valley(LRS, new double[] {3, 5, 4, 3, 2, 1, 6}));
    assertEquals(1, LrSuggestions.valley(LRS, new double[] {5, 4, 3, 2, 1, 2, 3}));
    assertEquals(4, LrSuggestions.valley(LRS, new double[] {1, 9, 8, 7, 6, 5, 4}));
  }

  @Test
  void aValleyOfTheFirstTwoPointsSuggestsTheFirstLrNotTheLast() {
    assertEquals(1, LrSuggestions.valley(new double[] {1, 2, 3}, new double[] {1.0, 0.5, 0.7}));
  }

  @Test
  void minimumIsATenthOfTheLrAtTheLowestLoss() {
    assertEquals(0.4, LrSuggestions.minimum(LRS, new double[] {5, 4, 3, 1, 1, 2, 3}), 1e-15);
  }

  @Test
  void steepIsTheLeftEndOfTheSteepestFallInLogLr() {
    double[] lrs = {1e-3, 1e-2, 1e-1, 1};
    assertEquals(1e-2, LrSuggestions.steep(lrs, new double[] {1.0, 0.9, 0.5, 0.45}), 0);
  }

  @Test
  void theWindowDropsTheFirstTenthTheLastFiveAndFromTheFirstNaN() {
    List<Double> losses = java.util.Collections.nCopies(30, 1.0);
    assertArrayEquals(new int[] {10, 25}, LrSuggestions.window(losses, 100));
    List<Double> withNaN = new java.util.ArrayList<>(losses);
    withNaN.set(17, Double.NaN);
    assertArrayEquals(new int[] {10, 17}, LrSuggestions.window(withNaN, 100));
    assertArrayEquals(new int[] {10, 10}, LrSuggestions.window(losses.subList(0, 12), 100));
  }

  @Test
  void tooFewPointsGiveNoSuggestion() {
    LRFindResult r = LRFindResult.of(List.of(1e-5, 1e-4), List.of(1.0, 0.9), 100);
    assertEquals(OptionalDouble.empty(), r.valley());
    assertEquals(OptionalDouble.empty(), r.minimum());
    assertEquals(OptionalDouble.empty(), r.steep());
  }
}
