/** The executor-side tasks, the round steps the driver's Learner runs, and the serialized state they exchange. */
package dev.jfastai.spark.internal;
