package dev.jfastai.examples.chapter4;

/** One epoch of {@link BasicLearner#fit}: the mean training loss and the validation metric (rounded to 4 places). */
public record EpochResult(int epoch, double trainLoss, double metric) {}
