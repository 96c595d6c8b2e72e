package dev.jfastai.tensor.internal.ops;

import dev.jfastai.tensor.Function;

/**
 * The base of the ops in this package: each only reads the gradient its backward is given, or returns it as one of
 * its input gradients, and keeps no reference to it, so backward may recycle its storage once it is consumed.
 */
public abstract class BuiltInOp extends Function {
  @Override
  protected final boolean keepsGradOutput() {
    return false;
  }
}
