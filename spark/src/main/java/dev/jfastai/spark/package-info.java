/**
 * Data-parallel training on Apache Spark: {@link dev.jfastai.spark.SparkLearner} keeps the data partitioned and
 * cached on the executors, ships only parameters each round, and drives the rounds with the Learner's loop so
 * every callback works unchanged. Spark is not modular: this jar runs on the class path.
 */
package dev.jfastai.spark;
