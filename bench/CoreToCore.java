import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints the median round trip, in nanoseconds, of a cache line passed back and forth between two spinning threads:
 * what a core waits for data another core wrote. On a VM the host can move the two vCPUs between cores that share
 * a cache (~70 ns here) and cores that do not (~330 ns), and every two-thread figure moves with it (bench/README.md,
 * "Two host modes"); the compare scripts record this before and after each run to tell the modes apart. A single
 * file without dependencies, so they run it from source: {@code java bench/CoreToCore.java}.
 */
public final class CoreToCore {
  private static final int SAMPLES = 15;
  private static final long SAMPLE_NANOS = 10_000_000;
  private static final int TRIPS_PER_CHECK = 200;

  private CoreToCore() {}

  public static void main(String[] args) {
    AtomicLong line = new AtomicLong();
    Thread echo = new Thread(() -> {
      for (long expect = 1; ; expect += 2) {
        while (line.get() != expect) Thread.onSpinWait();
        line.set(expect + 1);
      }
    });
    echo.setDaemon(true);
    echo.start();
    long sent = 0;
    double[] nanosPerTrip = new double[SAMPLES];
    for (int s = -2; s < SAMPLES; s++) { // two samples to warm up
      long trips = 0;
      long start = System.nanoTime();
      while (System.nanoTime() - start < SAMPLE_NANOS) {
        for (int i = 0; i < TRIPS_PER_CHECK; i++) {
          line.set(sent + 1);
          sent += 2;
          while (line.get() != sent) Thread.onSpinWait();
        }
        trips += TRIPS_PER_CHECK;
      }
      if (s >= 0) nanosPerTrip[s] = (System.nanoTime() - start) / (double) trips;
    }
    Arrays.sort(nanosPerTrip);
    System.out.println(Math.round(nanosPerTrip[SAMPLES / 2]));
  }
}
