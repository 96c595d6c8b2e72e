package dev.jfastai.spark;

/**
 * What the training rounds cost so far: their number, their total wall time on the driver, the part of it not spent
 * computing on the slowest partition (scheduling, broadcast, serialization, collect, combine) and the bytes broadcast.
 */
public record RoundStats(long rounds, double totalMillis, double overheadMillis, long bytesBroadcast) {
  /** Mean wall time of a round. */
  public double meanRoundMillis() {
    return rounds == 0 ? Double.NaN : totalMillis / rounds;
  }

  /** Mean overhead of a round: its wall time minus the slowest partition's compute time. */
  public double meanOverheadMillis() {
    return rounds == 0 ? Double.NaN : overheadMillis / rounds;
  }
}
