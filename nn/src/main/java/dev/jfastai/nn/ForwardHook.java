package dev.jfastai.nn;

import dev.jfastai.tensor.Tensor;

/**
 * Called after a module's forward when the module is run through {@link Module#call(Tensor)}, like a hook given to
 * PyTorch's {@code register_forward_hook}: {@code hook(module, input, output)}. A hook that keeps {@code input} or
 * {@code output} beyond the call should keep a copy ({@code detach().copy()}) to be safe from later in-place use.
 */
@FunctionalInterface
public interface ForwardHook {
  void afterForward(Module module, Tensor input, Tensor output);
}
