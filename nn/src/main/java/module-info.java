/** Neural-network modules, losses, optimizers and safetensors state dicts. */
module dev.jfastai.nn {
  requires transitive dev.jfastai.tensor;
  requires com.fasterxml.jackson.databind;

  exports dev.jfastai.nn;
  exports dev.jfastai.nn.optim;
}
