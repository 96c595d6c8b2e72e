/** Implementation details of the nn module: fused autograd functions, safetensors parsing, seeding. */
package dev.jfastai.nn.internal;
