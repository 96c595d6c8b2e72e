/** Float32 n-dimensional tensors with NumPy broadcasting and reverse-mode autograd. */
module dev.jfastai.tensor {
  // Optional: the fast kernels use the Vector API when the JVM has it, scalar loops otherwise.
  requires static jdk.incubator.vector;

  exports dev.jfastai.tensor;
  // Optimizers read and clear parameter gradients without marking them seen, so their storage can be reused.
  exports dev.jfastai.tensor.internal.access to dev.jfastai.nn;
  // The one atomic file writer, shared by every module that writes files.
  exports dev.jfastai.tensor.internal.io to dev.jfastai.nn, dev.jfastai.data, dev.jfastai.learner,
      dev.jfastai.callbacks, dev.jfastai.examples;
}
