/**
 * Float32 tensors with broadcasting and reverse-mode autograd: {@link dev.jfastai.tensor.Tensor} is the entry point.
 * A user-defined op extends {@link dev.jfastai.tensor.Function}; the built-in ops are one small class each in the
 * non-exported {@code internal.ops} package, whose package comment says how to add one.
 */
package dev.jfastai.tensor;
