package dev.jfastai.learner;

import java.util.List;

/** Everything the {@link Recorder} needs to continue after a resume; written to a checkpoint's JSON as is. */
public record RecorderState(List<EpochRecord> epochs, List<Double> losses, List<Double> smoothLosses,
                            List<Double> lrs, double smoothRaw, int smoothCount) {}
