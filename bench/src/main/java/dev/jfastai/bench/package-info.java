/** JMH benchmarks, run by hand from bench/target/benchmarks.jar, never by the build. */
package dev.jfastai.bench;
