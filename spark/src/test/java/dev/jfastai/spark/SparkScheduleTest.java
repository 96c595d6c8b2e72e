package dev.jfastai.spark;

import dev.jfastai.data.DataLoaders;
import dev.jfastai.learner.Learner;
import dev.jfastai.nn.Losses;
import dev.jfastai.nn.optim.SGD;
import dev.jfastai.spark.examples.LocalBaseline;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

/** A scheduler on the driver drives the executors' optimizers: the hyper-parameters travel with each round. */
class SparkScheduleTest {
  @Test
  void fitOneCycleWithAveragingOnOnePartitionEqualsTheLearners() {
    List<Sample> samples = SparkTestData.samples(64, 9);
    List<Sample> validSamples = SparkTestData.samples(16, 10);
    JavaRDD<Sample> train = SparkTestData.spark().parallelize(samples, 1);
    JavaRDD<Sample> valid = SparkTestData.spark().parallelize(validSamples, 1);
    // momentum 0.9 cycled by one-cycle; averaging one partition is that partition's own local step
    SparkOptimizerFactory sgd = (params, lr) -> SGD.builder(params, lr).momentum(0.9).build();
    try (SparkLearner spark = SparkLearner.builder(SparkTestData.spark(), train, valid, SparkTestData.model())
        .optFunc(sgd).lossFunc(Losses::mnistLoss).batchSize(8).shuffle(false).targetsAsColumn(true)
        .parameterAveraging(true).build()) {
      spark.fitOneCycle(2, 0.5);
      Learner local = Learner.builder(new DataLoaders(LocalBaseline.loader(samples, 8),
              LocalBaseline.loader(validSamples, 256)), SparkTestData.model().create())
          .optFunc(sgd).lossFunc(Losses::mnistLoss).build();
      local.fitOneCycle(2, 0.5f);
      SparkLearnerTest.assertClose(local.model().stateDict(), spark.model().stateDict(), 1e-6);
      SparkLearnerTest.assertClose(local.opt().stateDict(), spark.learner().opt().stateDict(), 1e-6);
    }
  }
}
