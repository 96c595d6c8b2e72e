package dev.jfastai.tensor.internal.kernels;

/** The elementwise unary primitives without parameters. */
public enum UnaryOp {
  NEG, EXP, LOG, SIGMOID, RELU, TANH, SQRT, ABS
}
