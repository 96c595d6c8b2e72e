/**
 * The differentiable ops: one small {@code Function} each, forward and backward side by side (not exported).
 *
 * <p>How to add an op; these steps are all it takes ({@link dev.jfastai.tensor.internal.ops.Softplus} was added so):
 * <ol>
 *   <li>One class here. A parameter-free elementwise unary op extends {@code ElementwiseUnary}: a constructor
 *       naming what its derivative reads ({@code Saves.INPUT}, {@code OUTPUT} or {@code NOTHING}), {@code value}
 *       (the forward loop) and {@code gradient} (the backward loop). Any other op extends {@link BuiltInOp}:
 *       {@code forward} computes the result and keeps in fields, through {@code save(t)}, the tensors backward reads
 *       (so an in-place change of them makes backward fail, as in PyTorch); {@code backward} returns one gradient per
 *       input, null where {@code needsInputGrad(i)} is false (see {@link dev.jfastai.tensor.internal.ops.Mul}).
 *       Write the derivative in the class comment.</li>
 *   <li>A method on {@code Tensor} that runs it: {@code return new Softplus().apply(this);}.</li>
 *   <li>Its tests: an entry in the OPS table of {@code tensor-core/src/test/python/gen_tensor_fixtures.py} and
 *       cases in its {@code build_cases}, the same name in the tests' {@code OpCatalog}, then run the script once to
 *       add the cases (PyTorch's values and gradients) to {@code tensor_ops.json}. {@code TensorParityTest} compares
 *       the op with PyTorch and {@code GradCheckTest} checks its gradient by finite differences.</li>
 * </ol>
 * Only a loop that runs on whole activations in every training step (relu) calls a shared kernel of
 * {@code internal.kernels} (a Vector API path and a scalar fallback with the same bits); a new kernel pays for its
 * JIT warm-up, so measure before writing one.
 */
package dev.jfastai.tensor.internal.ops;
