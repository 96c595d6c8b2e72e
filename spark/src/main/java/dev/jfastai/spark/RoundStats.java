package dev.jfastai.spark;

import java.util.OptionalDouble;

/**
 * What the training rounds cost so far: their number, their total wall time on the driver, the part of it not spent
 * computing on the slowest partition (scheduling, broadcast, serialization, collect, combine) and the bytes broadcast.
 */
public record RoundStats(long rounds, double totalMillis, double overheadMillis, long bytesBroadcast) {
  /** Mean wall time of a round; empty before the first round. */
  public OptionalDouble meanRoundMillis() {
    return rounds == 0 ? OptionalDouble.empty() : OptionalDouble.of(totalMillis / rounds);
  }

  /** Mean overhead of a round (its wall time minus the slowest partition's compute time); empty before any. */
  public OptionalDouble meanOverheadMillis() {
    return rounds == 0 ? OptionalDouble.empty() : OptionalDouble.of(overheadMillis / rounds);
  }
}
