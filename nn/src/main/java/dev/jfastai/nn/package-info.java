/** Modules, layers, initialisation, losses and safetensors weights. */
package dev.jfastai.nn;
