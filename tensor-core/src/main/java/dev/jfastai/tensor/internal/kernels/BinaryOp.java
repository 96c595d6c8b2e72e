package dev.jfastai.tensor.internal.kernels;

/** The elementwise binary primitives; comparisons yield 1 or 0. */
public enum BinaryOp {
  ADD, SUB, MUL, DIV, POW, MAX, MIN, GT, LT, GE, LE, EQ
}
