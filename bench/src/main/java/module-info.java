/** JMH benchmarks of jfastai's kernels and training step; packaged as bench/target/benchmarks.jar. */
module dev.jfastai.bench {
  requires dev.jfastai.tensor;
  requires dev.jfastai.nn;
  requires jmh.core;
  // PeakFlopsBenchmark measures the FMA peak the kernels can reach.
  requires static jdk.incubator.vector;
}
