package dev.jfastai.learner;

import dev.jfastai.nn.optim.Optimizer;
import dev.jfastai.tensor.Generator;
import dev.jfastai.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a checkpoint load changes, copied first so that a load that fails midway can put the learner back. */
record LearnerSnapshot(Map<String, Tensor> weights, Optimizer opt, Map<String, Tensor> optState,
                       RecorderState recorder, int startEpoch, int epochsDone, Long generatorState,
                       Map<StatefulCallback, Map<String, Object>> callbacks) {
  static LearnerSnapshot of(Learner learn) {
    Generator g = Checkpoints.trainGenerator(learn);
    Map<StatefulCallback, Map<String, Object>> callbacks = new LinkedHashMap<>();
    for (Callback c : learn.callbacks()) {
      if (c instanceof StatefulCallback s) callbacks.put(s, s.stateDict());
    }
    Optimizer opt = Checkpoints.optimizer(learn);
    return new LearnerSnapshot(learn.model().stateDict(), opt, opt == null ? null : opt.stateDict(),
        learn.recorder().state(), learn.startEpoch(), learn.epochsDone(), g == null ? null : g.state(), callbacks);
  }

  void restore(Learner learn) {
    learn.model().loadStateDict(weights);
    learn.setOpt(opt);
    if (opt != null) opt.loadStateDict(optState);
    learn.recorder().restore(recorder);
    learn.setStartEpoch(startEpoch);
    learn.setEpochsDone(epochsDone);
    Generator g = Checkpoints.trainGenerator(learn);
    if (g != null && generatorState != null) g.setState(generatorState);
    callbacks.forEach(StatefulCallback::loadStateDict);
  }
}
