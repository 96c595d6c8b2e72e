package dev.jfastai.tensor;

import dev.jfastai.tensor.internal.StoragePool;
import dev.jfastai.tensor.internal.access.TensorInternals;

/** What TensorInternals lets dev.jfastai.nn do, registered by Tensor's static initialiser. */
final class InternalsAccess implements TensorInternals.Access {
  @Override
  public Tensor peekGrad(Tensor param) {
    return param.grad == null ? null : param.grad.peek();
  }

  @Override
  public void clearGradForReuse(Tensor param) {
    if (param.grad != null) param.grad.clearForReuse();
  }

  @Override
  public void markIntermediate(Tensor activation) {
    activation.intermediate = true;
  }

  @Override
  public void recycleIfUnrecorded(Tensor activation) {
    if (!activation.intermediate || GradMode.isEnabled()) return;
    activation.intermediate = false; // released once only
    StoragePool.release(activation.array());
  }

  @Override
  public void checkWritable(String op, Tensor target) {
    if (target.readOnlyReason != null) throw new IllegalStateException(op + ": " + target.readOnlyReason);
  }

  @Override
  public boolean isRecording(Function op) {
    return op.recording();
  }

  @Override
  public void markModified(Tensor target) {
    target.versionCounter[0]++;
  }
}
