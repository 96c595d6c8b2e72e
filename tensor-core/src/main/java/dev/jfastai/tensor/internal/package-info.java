/** Implementation of tensor-core (not exported): shape arithmetic, ops and kernels. */
package dev.jfastai.tensor.internal;
