package dev.jfastai.nn;

/** Which fan a Kaiming initialisation scales by, like PyTorch's {@code mode='fan_in'/'fan_out'}. */
public enum FanMode {
  /** Inputs per output unit: preserves the variance of activations in the forward pass. */
  FAN_IN,
  /** Outputs per input unit: preserves the variance of gradients in the backward pass. */
  FAN_OUT
}
