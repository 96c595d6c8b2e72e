/** The {@code jfastai} command line: {@code chapter4}, {@code mnist} and {@code bench}. */
package dev.jfastai.examples;
