/**
 * The differentiable ops: one small {@code Function} each, forward and backward side by side (not exported).
 *
 * <p>How to add an op (e.g. {@code y = softsign(x)}); these steps are all it takes:
 * <ol>
 *   <li>One class here. A parameter-free elementwise unary op extends {@code ElementwiseUnary}: a constructor
 *       naming what the derivative reads ({@code Saves.INPUT}, {@code OUTPUT} or {@code NOTHING}), {@code value}
 *       (the forward loop) and {@code gradient} (the backward loop), see {@link dev.jfastai.tensor.internal.ops.Exp}.
 *       Any other op extends {@link dev.jfastai.tensor.Function}: {@code forward} computes the result and keeps in
 *       fields what backward needs, {@code backward} returns one gradient per input (null where
 *       {@code needsInputGrad(i)} is false), see {@link dev.jfastai.tensor.internal.ops.Mul}. Write the derivative in
 *       the class comment.</li>
 *   <li>A method on {@code Tensor} that runs it: {@code return new Softsign().apply(this);}.</li>
 *   <li>Its parity and gradient tests: an entry in the OPS table and cases of
 *       {@code tensor-core/src/test/python/gen_tensor_fixtures.py}, run once to rewrite
 *       {@code tensor_ops.json} (PyTorch values and gradients), and the same name in the tests' {@code OpCatalog}.
 *       {@code TensorParityTest} then compares it with PyTorch and {@code GradCheckTest} checks its gradient by
 *       finite differences.</li>
 * </ol>
 * Only a loop that runs on whole activations in every training step (relu) calls a shared kernel of
 * {@code internal.kernels} (a Vector API path and a scalar fallback with the same bits); a new one pays for its JIT
 * warm-up, so measure before writing one.
 */
package dev.jfastai.tensor.internal.ops;
