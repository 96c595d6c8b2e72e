/** The {@code spark-chapter4} runner: fastai's chapter 4 model trained on Spark executors. */
package dev.jfastai.spark.examples;
