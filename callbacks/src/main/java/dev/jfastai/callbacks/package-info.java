/**
 * Ready-made callbacks for the Learner (progress table, CSV and JSON-lines logs, early stopping, checkpoints,
 * plateau LR reduction, NaN guard, gradient clipping, the LR finder and PNG plots); each works by hand or through
 * Guice.
 */
package dev.jfastai.callbacks;
