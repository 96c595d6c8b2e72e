package dev.jfastai.learner;

import dev.jfastai.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Gathers each validation batch's predictions and targets for {@link Learner#getPreds}. */
final class PredsCollector implements Callback {
  private final List<Tensor> preds = new ArrayList<>();
  private final List<Tensor> targets = new ArrayList<>();

  @Override
  public int order() {
    return 100;
  }

  @Override
  public void afterBatch(Learner learn) {
    if (!learn.hasPred()) return;
    preds.add(learn.pred().detach());
    targets.add(learn.yb().detach());
  }

  Preds result() {
    if (preds.isEmpty()) throw new IllegalStateException("getPreds: the loader produced no batches");
    return new Preds(Tensor.cat(preds, 0), Tensor.cat(targets, 0));
  }
}
