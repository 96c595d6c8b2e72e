package dev.jfastai.learner;

import dev.jfastai.tensor.Tensor;

/** Predictions and targets over a whole loader, concatenated along the batch dim ({@link Learner#getPreds}). */
public record Preds(Tensor preds, Tensor targets) {}
