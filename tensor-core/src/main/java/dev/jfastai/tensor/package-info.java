/**
 * Float32 tensors with broadcasting and reverse-mode autograd: {@link dev.jfastai.tensor.Tensor} is the entry point.
 */
package dev.jfastai.tensor;
