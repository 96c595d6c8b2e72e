package dev.jfastai.examples;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Range checks of numeric options, reported as usage errors (exit code 2) naming the option and the value. */
final class OptionChecks {
  private OptionChecks() {}

  static void atLeast(CommandLine cli, String option, int value, int min) {
    if (value < min) throw new ParameterException(cli, option + " must be at least " + min + ", got " + value);
  }

  static void positive(CommandLine cli, String option, float value) {
    if (!(value > 0) || Float.isInfinite(value)) {
      throw new ParameterException(cli, option + " must be a positive number, got " + value);
    }
  }
}
