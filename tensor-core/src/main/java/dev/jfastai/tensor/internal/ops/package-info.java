/** The differentiable ops: one small {@code Function} each, forward and backward side by side (not exported). */
package dev.jfastai.tensor.internal.ops;
